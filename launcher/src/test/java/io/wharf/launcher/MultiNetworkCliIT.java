package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.ShellRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against a real daemon (root, runc, conmon, iproute2, iptables): several
 * networks per container. {@code docker network connect} gives a running container eth1 at once
 * (reachable by IP, no second default route), disconnect takes it away, Docker's errors for
 * connecting twice and for disconnecting a network the container is not on; a created container
 * gets what was connected at its start; {@code --network container:<name>} sees the other
 * container's interfaces. Names and subnets are unique per run; everything made is removed.
 */
class MultiNetworkCliIT {
  private static final long PID = ProcessHandle.current().pid();
  /** 10.N.x.0/24 with N from the pid, apart from NetworksCliIT's range. */
  private static final String NET = "10." + (30 + PID % 60) + ".";
  private static Path dir;
  private static DaemonProcess daemon;
  private static String socket;

  @BeforeAll
  static void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    Prerequisites.require(DaemonProcess.isRoot() && Prerequisites.onPath("docker") && Prerequisites.onPath("ip"),
        "needs root, the docker CLI, ip and iptables");
    dir = DaemonProcess.scratch("mnet-");
    socket = dir.resolve("w.sock").toString();
    daemon = DaemonProcess.start("daemon", dir, List.of("daemon", "--data-root", dir.resolve("d").toString(),
        "--run-dir", dir.resolve("r").toString(), "--socket", socket, "--node-name", "mnet",
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-name", "mnet-" + PID));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path tar = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    ok("load", "-i", tar.toString());
    ok("network", "create", "--subnet", NET + "1.0/24", name("a"));
    ok("network", "create", "--subnet", NET + "2.0/24", name("b"));
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      for (String id : ShellRunner.docker(socket, "ps", "-aq").out().split("\\s+")) {
        if (!id.isBlank()) {
          ShellRunner.docker(socket, "rm", "-f", id);
        }
      }
      ShellRunner.docker(socket, "network", "prune", "-f");
      daemon.stop();
    }
    ScratchDirs.deleteUnlessMounted(dir);
  }

  private static String name(String base) {
    return "mn" + base + "-" + PID;
  }

  static String ok(String... args) throws Exception {
    Result r = ShellRunner.docker(socket, args);
    assertEquals(0, r.code(), "docker " + String.join(" ", args) + "\n" + r.err() + "\n" + r.out());
    return r.out();
  }

  static void rejected(String message, String... args) throws Exception {
    Result r = ShellRunner.docker(socket, args);
    assertTrue(r.code() != 0 && r.err().contains(message), "docker " + String.join(" ", args) + "\n" + r.err());
  }

  private static boolean pings(String from, String ip) throws Exception {
    return ShellRunner.docker(socket, "exec", from, "ping", "-c1", "-W1", ip).code() == 0;
  }

  @Test
  void connectAndDisconnectARunningContainer() throws Exception {
    String c1 = name("c1");
    String c2 = name("c2");
    String c3 = name("c3");
    String id1 = ok("run", "-d", "--name", c1, "--network", name("a"), "busybox", "sleep", "300").trim();
    ok("run", "-d", "--name", c2, "--network", name("b"), "--ip", NET + "2.20", "busybox", "sleep", "300");
    ok("run", "-d", "--name", c3, "--network", name("a"), "busybox", "sleep", "300");
    assertFalse(pings(c1, NET + "2.20"), "networks a and b are isolated");

    ok("network", "connect", "--alias", "second", "--ip", NET + "2.30", name("b"), c1);
    String addrs = ok("exec", c1, "ip", "-4", "-o", "addr");
    assertTrue(addrs.contains("eth1") && addrs.contains(NET + "2.30/24"), addrs);
    assertEquals(1, ok("exec", c1, "ip", "route").lines().filter(l -> l.startsWith("default")).count());
    assertTrue(pings(c1, NET + "2.20"), "c1 reaches b");
    assertTrue(pings(c2, NET + "2.30"), "b reaches c1");
    assertFalse(pings(c3, NET + "2.20"), "c3 is on a only");
    assertEquals(NET + "2.30 [second]\n", ok("inspect", "-f",
        "{{with index .NetworkSettings.Networks \"" + name("b") + "\"}}{{.IPAddress}} {{.Aliases}}{{end}}", c1));
    assertTrue(ok("network", "inspect", "-f", "{{json .Containers}}", name("b")).contains("\"Name\":\"" + c1 + "\""));
    rejected("endpoint with name " + c1 + " already exists in network " + name("b"), "network", "connect", name("b"), c1);

    ok("network", "disconnect", name("b"), c1);
    assertFalse(ok("exec", c1, "ip", "-o", "link").contains("eth1"));
    assertFalse(pings(c1, NET + "2.20"), "disconnected from b");
    rejected("is not connected to network " + name("b"), "network", "disconnect", name("b"), c1);
    ok("rm", "-f", c1, c2, c3);
    assertFalse(ShellRunner.sh("ip -o link").out().contains("wv" + id1.substring(0, 10)), "veths removed");
  }

  @Test
  void aCreatedContainerGetsItsConnectedNetworksAtStart() throws Exception {
    String c = name("created");
    String id = ok("create", "--name", c, "--network", name("a"), "busybox", "sleep", "300").trim();
    ok("network", "connect", name("b"), c);
    ok("start", c);
    String links = ok("exec", c, "ip", "-4", "-o", "addr");
    assertTrue(links.contains(NET + "1.") && links.contains(NET + "2."), links);
    ok("rm", "-f", c);
    assertFalse(Files.exists(Path.of("/var/run/netns", id)), "netns removed");
    assertFalse(ShellRunner.sh("ip -o link").out().contains("wv" + id.substring(0, 10)), "veths removed");
  }

  @Test
  void containerModeSharesTheOtherContainersInterfaces() throws Exception {
    String owner = name("owner");
    String guest = name("guest");
    rejected("No such container", "create", "--network", "container:" + name("missing"), "busybox", "true");
    ok("create", "--name", owner, "--network", name("a"), "busybox", "sleep", "300");
    ok("create", "--name", guest, "--network", "container:" + owner, "busybox", "ip", "-4", "-o", "addr");
    rejected("cannot join network of a non running container", "start", guest);
    ok("start", owner);
    String ownerIp = ok("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", owner).trim();
    ok("start", guest);
    ok("wait", guest);
    assertTrue(ok("logs", guest).contains(ownerIp + "/24"), ownerIp);
    rejected("cannot be connected to any other network", "network", "connect", name("b"), guest);
    ok("rm", "-f", guest, owner);
  }
}
