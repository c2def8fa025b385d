package io.wharf.node.net.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.api.container.PortBinding;
import io.wharf.api.container.PublishedPorts;
import io.wharf.node.net.HostNet;
import io.wharf.node.net.LinkApplier;
import io.wharf.node.net.LinkPlan;
import io.wharf.node.runtime.HostCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real rules on this host (root, ip, iptables, busybox): a netns on a private bridge runs a busybox
 * {@code nc} server on port 80; {@link PortPublisher} publishes it and a Java socket on the host
 * reaches it through 127.0.0.1 and through a random port; a second container asking for the same
 * port gets Docker's error and leaves no rule; unpublishing removes every rule. Names, bridge and
 * subnet are unique per run, and everything is removed.
 */
class PortPublisherIT {
  private final String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  private final String id = "pp" + tag + "0".repeat(54);
  private final int octet = 150 + (int) (ProcessHandle.current().pid() % 50);
  private final int third = 1 + Math.abs(tag.hashCode() % 250);
  private final String prefix = "10." + octet + "." + third + ".";
  private final HostNet net = new HostNet();
  private final LinkApplier applier = new LinkApplier(net);
  private LinkPlan link;
  private Process server;
  private Path dirs;
  private PortPublisher publisher;

  @BeforeEach
  void setUp() throws Exception {
    boolean ready = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/bin/busybox"))
        && HostCommand.run(List.of("iptables", "-w", "-L", "-n"), 10_000).ok();
    if ("true".equals(System.getenv("CI")) && !ready) {
      fail("needs root, iptables and busybox-static (CI=true)");
    }
    Assumptions.assumeTrue(ready, "needs root, iptables and busybox-static");
    link = new LinkPlan(id, "whp" + tag, prefix + "1/24", prefix + "0/24", false, "wvp" + tag, "eth0",
        prefix + "2/24", "02:42:0a:00:00:02", prefix + "1");
    applier.attach(link);
    server = new ProcessBuilder("ip", "netns", "exec", id, "/bin/busybox", "nc", "-ll", "-p", "80", "-e",
        "/bin/echo", "hello-" + tag).redirectErrorStream(true).start();
    dirs = Files.createTempDirectory("ports-it");
    Files.createDirectories(dirs.resolve(id));
    Files.createDirectories(dirs.resolve("other"));
    publisher = new PortPublisher(net, PortAllocator.onHost(), dirs::resolve);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (publisher != null) {
      publisher.unpublish(id);
      publisher.unpublish("other");
      publisher.removeChainsIfUnused();
    }
    if (server != null) {
      server.destroyForcibly().waitFor();
    }
    if (link != null) {
      applier.detach(id, link);
      applier.removeBridgeIfUnused(link);
    }
    if (dirs != null) {
      try (var files = Files.walk(dirs)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void publishedPortsAnswerOnLoopbackAndGoAway() throws Exception {
    int fixed = freePort();
    var spec = PortRequestTest.spec(List.of("80/tcp"), Map.of("80/tcp",
        List.of(new PortBinding("127.0.0.1", Integer.toString(fixed)), new PortBinding("", ""))), false);
    PublishedPorts p = publisher.publish("n1", id, spec, link);
    assertEquals(2, p.ports().size());
    int random = p.ports().get(1).hostPort();
    assertEquals("hello-" + tag, readLine(fixed));
    assertEquals("hello-" + tag, readLine(random));
    assertTrue(rules(id) >= 3, "DNAT and MASQUERADE rules tagged with the id");

    var again = PortRequestTest.spec(List.of(), Map.of("80/tcp",
        List.of(new PortBinding("127.0.0.1", Integer.toString(fixed)))), false);
    var e = assertThrows(PortAllocator.PortUnavailable.class, () -> publisher.publish("n1", "other", again, link));
    assertEquals("Bind for 127.0.0.1:" + fixed + " failed: port is already allocated", e.getMessage());
    assertEquals(0, rules("wharf:other"));

    publisher.unpublish(id);
    assertEquals(0, rules(id));
    assertTrue(Files.notExists(dirs.resolve(id).resolve(PortState.FILE)));
  }

  @Test
  void readoptRestoresRulesFromTheStateFile() throws Exception {
    int fixed = freePort();
    var spec = PortRequestTest.spec(List.of(), Map.of("80/tcp",
        List.of(new PortBinding("127.0.0.1", Integer.toString(fixed)))), false);
    publisher.publish("n1", id, spec, link);
    // a new process: the rules are still there, the held port is not
    PortPublisher restarted = new PortPublisher(net, PortAllocator.onHost(), dirs::resolve);
    publisher = restarted;
    assertEquals(fixed, restarted.readopt(id).ports().get(0).hostPort());
    assertEquals("hello-" + tag, readLine(fixed));
    restarted.unpublish(id);
    assertEquals(0, rules(id));
  }

  private String readLine(int port) throws Exception {
    long until = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        s.setSoTimeout(3000);
        String line = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        if (line != null) {
          return line;
        }
      } catch (java.io.IOException e) {
        if (System.nanoTime() > until) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  private static long rules(String text) {
    return HostCommand.run(List.of("iptables-save"), 10_000).stdout().lines().filter(l -> l.contains(text)).count();
  }

  private static int freePort() throws java.io.IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
