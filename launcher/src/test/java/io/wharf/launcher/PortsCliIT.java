package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Port publishing through the docker CLI against a real daemon (root, runc, conmon, iptables):
 * busybox httpd published on 127.0.0.1 and on every address answers a Java HTTP client from the
 * host by loopback and by the host's own address, and the container itself through the host
 * address (hairpin); {@code docker port}, the ps PORTS column and inspect; -P to the ephemeral
 * range; UDP; "port is already allocated" leaving the container created with no rule; every rule
 * gone after stop. The user network's subnet and all names are unique per run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortsCliIT {
  private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
  private static final long PID = ProcessHandle.current().pid();
  private static final String SUBNET = "10." + (100 + PID % 100) + ".231.0/24";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Path dir;
  private static Path run;
  private static DaemonProcess daemon;
  private static DockerCli cli;

  @BeforeAll
  static void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    DockerCli.assumeClientsAndRuntime();
    Prerequisites.require(Prerequisites.onPath("iptables-save") && Prerequisites.onPath("curl"), "needs iptables-save and curl");
    dir = DaemonProcess.scratch("ports-it-");
    run = Files.createTempDirectory(Path.of("/tmp"), "wpo");
    cli = new DockerCli(run.resolve("d.sock"));
    startDaemon("daemon");
    Path tar = dir.resolve("busybox.tar");
    assertEquals(0, cli.run(null, List.of(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString())).exit());
    ok("load", "-i", tar.toString());
    ok("network", "create", "--subnet", SUBNET, "pn-" + TAG);
  }

  private static void startDaemon(String name) throws Exception {
    daemon = DaemonProcess.start(name, dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", run.resolve("r").toString(), "--socket", run.resolve("d.sock").toString(),
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--node-name", "po" + TAG,
        "--cluster-name", "ports-" + TAG));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (cli != null && daemon != null && daemon.isAlive()) {
      String ids = cli.docker("ps", "-aq").out().strip();
      for (String id : ids.isEmpty() ? new String[0] : ids.split("\\s+")) {
        cli.docker("rm", "-f", id);
      }
      cli.docker("network", "rm", "pn-" + TAG);
    }
    if (daemon != null) {
      daemon.stop();
    }
    if (dir != null) {
      ScratchDirs.deleteUnlessMounted(dir);
    }
    if (run != null) {
      ScratchDirs.deleteUnlessMounted(run);
    }
  }

  private static String ok(String... args) throws Exception {
    DockerCli.Result r = cli.docker(args);
    assertEquals(0, r.exit(), "docker " + String.join(" ", args) + "\n" + r);
    return r.out();
  }

  private static String web(String name, String network, String body, String... publish) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("run", "-d", "--name", name, "--network", network));
    for (String p : publish) {
      args.addAll(List.of("-p", p));
    }
    args.addAll(List.of("busybox", "sh", "-c",
        "mkdir -p /www && echo " + body + " > /www/index.html && exec httpd -f -p 80 -h /www"));
    return ok(args.toArray(String[]::new)).strip();
  }

  /** GET with retries until httpd listens (it starts right after the container does). */
  private static String get(String host, int port) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
        .timeout(Duration.ofSeconds(5)).build();
    long until = deadline(Duration.ofSeconds(15));
    while (true) {
      try {
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body().strip();
      } catch (java.io.IOException e) {
        if (System.nanoTime() > until) {
          throw new AssertionError("GET " + req.uri() + " failed", e);
        }
        Thread.sleep(200);
      }
    }
  }

  private static long rulesOf(String id) throws Exception {
    return cli.run(null, List.of("iptables-save")).out().lines().filter(l -> l.contains(id)).count();
  }

  /** The host's own non-loopback address: the source of its default route. */
  private static String hostAddress() throws Exception {
    String out = cli.run(null, List.of("ip", "-4", "-o", "route", "get", "192.0.2.200")).out();
    String[] words = out.split("\\s+");
    for (int i = 0; i < words.length - 1; i++) {
      if (words[i].equals("src")) {
        return words[i + 1];
      }
    }
    throw new AssertionError("no source address in: " + out);
  }

  @Test
  void publishedOnLoopbackAndEveryAddressOfAUserNetwork() throws Exception {
    int local = DaemonProcess.freePort();
    int any = DaemonProcess.freePort();
    String name = "pw-" + TAG;
    String id = web(name, "pn-" + TAG, "user-" + TAG, "127.0.0.1:" + local + ":80", any + ":80");
    assertEquals("user-" + TAG, get("127.0.0.1", local));
    String hostIp = hostAddress();
    assertEquals("user-" + TAG, get(hostIp, any));
    String hairpin = ok("exec", name, "sh", "-c",
        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + hostIp + " " + any);
    assertTrue(hairpin.contains("user-" + TAG), hairpin);

    String port = ok("port", name, "80");
    assertTrue(port.contains("127.0.0.1:" + local) && port.contains("0.0.0.0:" + any), port);
    String ps = ok("ps", "--filter", "name=" + name, "--format", "{{.Ports}}");
    assertTrue(ps.contains("127.0.0.1:" + local + "->80/tcp") && ps.contains("0.0.0.0:" + any + "->80/tcp"), ps);
    assertEquals("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"" + local + "\"},"
        + "{\"HostIp\":\"\",\"HostPort\":\"" + any + "\"}]}",
        ok("inspect", "-f", "{{json .HostConfig.PortBindings}}", name).strip());
    assertTrue(rulesOf(id) > 0);

    ok("stop", "-t", "1", name);
    assertEquals(0, rulesOf(id), "rules left after stop");
    assertEquals("map[]", ok("inspect", "-f", "{{.NetworkSettings.Ports}}", name).strip());
    ok("start", name);
    assertEquals("user-" + TAG, get("127.0.0.1", local));
    ok("rm", "-f", name);
    assertEquals(0, rulesOf(id), "rules left after rm");
  }

  /** Last: the restarted daemon has no user networks any more (they are not persisted yet). */
  @Test
  @Order(Integer.MAX_VALUE)
  void aContainerThatKeepsRunningAcrossADaemonRestartKeepsItsPorts() throws Exception {
    int port = DaemonProcess.freePort();
    String name = "pr-" + TAG;
    String id = web(name, "pn-" + TAG, "kept-" + TAG, "127.0.0.1:" + port + ":80");
    assertEquals("kept-" + TAG, get("127.0.0.1", port));
    daemon.stop();
    assertEquals("kept-" + TAG, get("127.0.0.1", port), "the rules are kernel state: no daemon needed");
    startDaemon("restarted");
    long until = deadline(Duration.ofSeconds(15));
    while (!ok("port", name, "80").contains("127.0.0.1:" + port) && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    assertEquals("127.0.0.1:" + port, ok("port", name, "80").strip());
    DockerCli.Result taken = cli.docker("run", "-d", "-p", "127.0.0.1:" + port + ":80", "busybox", "true");
    assertTrue(taken.err().contains("port is already allocated"), "the restarted daemon holds the port again\n"
        + taken);
    ok("rm", "-f", name);
    assertEquals(0, rulesOf(id));
  }

  @Test
  void defaultBridgeLoopbackAsInTheAcceptance() throws Exception {
    int local = DaemonProcess.freePort();
    String name = "pb-" + TAG;
    String id = web(name, "bridge", "bridge-" + TAG, "127.0.0.1:" + local + ":80");
    assertEquals("bridge-" + TAG, get("127.0.0.1", local));
    ok("rm", "-f", name);
    assertEquals(0, rulesOf(id));
  }

  @Test
  void publishAllUsesTheEphemeralRange() throws Exception {
    String name = "pa-" + TAG;
    ok("run", "-d", "--name", name, "-P", "--expose", "90", "--expose", "5353/udp", "busybox", "sleep", "60");
    String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
        .split("\\s+");
    for (String p : List.of("90/tcp", "5353/udp")) {
      String out = ok("port", name, p).strip();
      assertTrue(out.startsWith("0.0.0.0:"), out);
      int hostPort = Integer.parseInt(out.substring(out.lastIndexOf(':') + 1));
      assertTrue(hostPort >= Integer.parseInt(range[0]) && hostPort <= Integer.parseInt(range[1]), out);
    }
    ok("rm", "-f", name);
  }

  @Test
  void udpReachesTheContainer() throws Exception {
    int port = DaemonProcess.freePort();
    String name = "pu-" + TAG;
    ok("run", "-d", "--name", name, "--network", "pn-" + TAG, "-p", "127.0.0.1:" + port + ":5353/udp",
        "busybox", "sleep", "60");
    try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
      byte[] data = "ping".getBytes();
      for (int i = 0; i < 3; i++) {
        s.send(new java.net.DatagramPacket(data, data.length, java.net.InetAddress.getByName("127.0.0.1"), port));
      }
    }
    // nothing listens on 5353 inside: the container's kernel counts the datagrams as NoPorts
    long until = deadline(Duration.ofSeconds(5));
    String udp;
    do {
      Thread.sleep(100);
      List<String> lines = ok("exec", name, "grep", "Udp:", "/proc/net/snmp").lines().toList();
      udp = lines.get(1).split("\\s+")[2];
    } while (udp.equals("0") && System.nanoTime() < until);
    assertFalse(udp.equals("0"), "no datagram arrived");
    ok("rm", "-f", name);
  }

  @Test
  void aHostPortInUseFailsTheStartAndLeavesNothing() throws Exception {
    int port = DaemonProcess.freePort();
    String first = "pi1-" + TAG;
    ok("run", "-d", "--name", first, "-p", port + ":80", "busybox", "sleep", "60");
    String second = "pi2-" + TAG;
    DockerCli.Result r = cli.docker("run", "-d", "--name", second, "-p", port + ":80", "busybox", "sleep", "60");
    assertTrue(r.exit() != 0 && r.err().contains("driver failed programming external connectivity on endpoint "
        + second) && r.err().contains("Bind for 0.0.0.0:" + port + " failed: port is already allocated"), r.toString());
    assertEquals("created", ok("inspect", "-f", "{{.State.Status}}", second).strip());
    assertEquals(0, rulesOf(ok("inspect", "-f", "{{.Id}}", second).strip()));
    try (java.net.ServerSocket other = new java.net.ServerSocket(0)) {
      DockerCli.Result busy = cli.docker("run", "-d", "-p", other.getLocalPort() + ":80", "busybox", "true");
      assertTrue(busy.err().contains("port is already allocated"), busy.toString());
    }
    ok("rm", "-f", first, second);
  }

  @Test
  void aRandomHostPortStaysAcrossStopStartAndRestart() throws Exception {
    String name = "pk-" + TAG;
    ok("run", "-d", "--name", name, "-p", "80", "-p", "127.0.0.1::53/udp", "busybox", "sleep", "600");
    String first = ok("port", name).strip();
    ok("stop", "-t", "0", name);
    ok("start", name);
    assertEquals(first, ok("port", name).strip());
    ok("restart", "-t", "0", name);
    assertEquals(first, ok("port", name).strip());
    ok("rm", "-f", name);
  }

  @Test
  void psFiltersOnPublishedAndExposedPorts() throws Exception {
    int port = DaemonProcess.freePort();
    String pub = "pf1-" + TAG;
    String udp = "pf2-" + TAG;
    ok("run", "-d", "--name", pub, "-p", port + ":80", "busybox", "sleep", "600");
    ok("run", "-d", "--name", udp, "-p", "127.0.0.1::53/udp", "--expose", "90", "busybox", "sleep", "600");
    String mine = "name=pf.-" + TAG;
    assertEquals(pub, ok("ps", "--filter", mine, "--filter", "publish=" + port, "--format", "{{.Names}}").strip());
    assertEquals(pub, ok("ps", "--filter", mine, "--filter", "publish=" + (port - 1) + "-" + (port + 1) + "/tcp",
        "--format", "{{.Names}}").strip());
    assertEquals("", ok("ps", "--filter", mine, "--filter", "publish=" + port + "/udp", "--format", "{{.Names}}").strip());
    assertEquals(pub, ok("ps", "--filter", mine, "--filter", "expose=80", "--format", "{{.Names}}").strip());
    assertEquals(udp, ok("ps", "--filter", mine, "--filter", "expose=53/udp", "--format", "{{.Names}}").strip());
    assertEquals(udp + "\n" + pub, ok("ps", "--filter", mine, "--filter", "expose=53/udp", "--filter", "expose=70-90",
        "--format", "{{.Names}}").strip());
    DockerCli.Result bad = cli.docker("ps", "--filter", "publish=127.0.0.1:80");
    assertTrue(bad.exit() != 0 && bad.err().contains("filter for 'publish' should not contain ':'"), bad.toString());
    ok("rm", "-f", pub, udp);
  }

  @Test
  void badSpecsAreRejectedByTheApi() throws Exception {
    String body = "{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"0/tcp\":[{\"HostPort\":\"80\"}]}}}";
    DockerCli.Result r = cli.run(null, List.of("curl", "-s", "-w", "%{http_code}", "--unix-socket",
        run.resolve("d.sock").toString(), "-H", "Content-Type: application/json", "-d", body,
        "http://localhost/containers/create"));
    assertTrue(r.out().endsWith("400") && r.out().contains("invalid port specification"), r.toString());
    DockerCli.Result host = cli.docker("run", "--rm", "--network", "host", "-p", "80:80", "busybox", "true");
    assertTrue(host.err().contains("Published ports are discarded when using host network mode"), host.toString());
  }
}
