package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against a real daemon (root, runc, conmon, iproute2, iptables): network
 * create/ls/inspect/rm/prune with Docker's errors, containers on user networks reaching each
 * other, isolation between networks, and cleanup of netns, bridges and rules. Subnets and names
 * are unique per run; every container and network made here is removed.
 */
class NetworksCliIT {
  private static final long PID = ProcessHandle.current().pid();
  /** 10.N.x.0/24 with N from the pid, so that parallel runs do not overlap. */
  private static final String NET = "10." + (100 + PID % 100) + ".";
  private static Path dir;
  private static DaemonProcess daemon;
  private static Path socket;

  @BeforeAll
  static void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    requireHost();
    dir = DaemonProcess.scratch("net-");
    socket = dir.resolve("w.sock");
    daemon = DaemonProcess.start("daemon", dir, List.of("daemon", "--data-root", dir.resolve("d").toString(),
        "--run-dir", dir.resolve("r").toString(), "--socket", socket.toString(), "--node-name", "net",
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-name", "networks-" + PID));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path tar = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    ok("load", "-i", tar.toString());
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      for (String id : docker("ps", "-aq").out.split("\\s+")) {
        if (!id.isBlank()) {
          docker("rm", "-f", id);
        }
      }
      docker("network", "prune", "-f");
      daemon.stop();
    }
    ScratchDirs.deleteUnlessMounted(dir);
  }

  private static void requireHost() {
    boolean ready = DaemonProcess.isRoot() && (Files.isExecutable(Path.of("/usr/local/bin/docker"))
        || Files.isExecutable(Path.of("/usr/bin/docker"))) && Files.isDirectory(Path.of("/sys/class/net"));
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(ready, "needs root, the docker CLI, ip and iptables");
    }
    Assumptions.assumeTrue(ready, "needs root, the docker CLI, ip and iptables");
  }

  record Result(int code, String out, String err) {}

  static Result docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    return exec(pb, String.join(" ", cmd));
  }

  static Result host(String... cmd) throws IOException, InterruptedException {
    return exec(new ProcessBuilder(cmd), String.join(" ", cmd));
  }

  private static Result exec(ProcessBuilder pb, String what) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(what + " timed out");
    }
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static String ok(String... args) throws IOException, InterruptedException {
    Result r = docker(args);
    assertEquals(0, r.code, "docker " + String.join(" ", args) + "\n" + r.err + "\n" + r.out);
    return r.out;
  }

  static void rejected(String message, String... args) throws IOException, InterruptedException {
    Result r = docker(args);
    assertTrue(r.code != 0 && r.err.contains(message), "docker " + String.join(" ", args) + "\n" + r.err);
  }

  private static String name(String base) {
    return base + "-" + PID;
  }

  @Test
  void createListInspectRemoveWithDockersErrors() throws Exception {
    String n1 = name("crud1");
    String id = ok("network", "create", "--subnet", NET + "10.0/24", "--gateway", NET + "10.254",
        "--label", "team=a", n1).trim();
    assertEquals(64, id.length());
    rejected("network with name " + n1 + " already exists", "network", "create", n1);
    rejected("Pool overlaps with other one on this address space",
        "network", "create", "--subnet", NET + "10.128/25", name("crud2"));
    rejected("invalid CIDR address: 10.1.2.3", "network", "create", "--subnet", "10.1.2.3", name("crud3"));
    rejected("bridge is a pre-defined network and cannot be removed", "network", "rm", "bridge");
    assertTrue(ok("network", "ls").contains(n1));
    assertEquals(id.substring(0, 12) + "\n", ok("network", "ls", "-q", "--filter", "label=team=a",
        "--filter", "name=" + n1));
    assertEquals(NET + "10.0/24 " + NET + "10.254\n", ok("network", "inspect", "-f",
        "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}", n1));
    ok("network", "rm", n1);
    rejected("network " + n1 + " not found", "network", "inspect", n1);
  }

  @Test
  void containersOnOneNetworkTalkAndOtherNetworksCannot() throws Exception {
    String a = name("neta");
    String b = name("netb");
    String web = name("web");
    ok("network", "create", "--subnet", NET + "20.0/24", a);
    ok("network", "create", "--subnet", NET + "21.0/24", b);
    ok("run", "-d", "--name", web, "--network", a, "busybox", "httpd", "-f", "-p", "80", "-h", "/etc");
    String ip = ok("network", "inspect", "-f", "{{range .Containers}}{{.IPv4Address}}{{end}}", a).trim();
    assertEquals(NET + "20.2/24", ip);
    String url = "http://" + NET + "20.2/hostname";
    assertEquals(ok("inspect", "-f", "{{.Id}}", web).substring(0, 12) + "\n",
        ok("run", "--rm", "--network", a, "busybox", "wget", "-qO-", url));
    // sh stays PID 1 (a PID 1 ignores the SIGTERM of timeout), so the command ends after 3 s
    String other = ok("run", "--rm", "--network", b, "busybox", "sh", "-c",
        "timeout 3 wget -qO- " + url + "; echo rc=$?");
    assertTrue(other.contains("rc=") && !other.contains("rc=0"), "reached a container on another network: " + other);

    rejected("error while removing network: network " + a + " id ", "network", "rm", a);
    String cid = ok("inspect", "-f", "{{.Id}}", web).trim();
    assertTrue(host("ip", "netns", "list").out.contains(cid));
    String bridge = "wh-" + ok("network", "inspect", "-f", "{{.Id}}", a).substring(0, 12);
    assertEquals(0, host("ip", "link", "show", bridge).code);
    ok("rm", "-f", web);
    assertFalse(host("ip", "netns", "list").out.contains(cid), "netns left behind");
    ok("network", "rm", a, b);
    assertTrue(host("ip", "link", "show", bridge).code != 0, "bridge left behind");
    assertFalse(host("iptables", "-S", "WHARF-FWD").out.contains(bridge), "rules left behind");
    assertFalse(host("iptables", "-t", "nat", "-S", "POSTROUTING").out.contains(NET + "20.0/24"));
  }

  @Test
  void internalNetworksGetNoNatAndConnectRecordsAnEndpoint() throws Exception {
    String in = name("internal");
    ok("network", "create", "--internal", "--subnet", NET + "30.0/24", in);
    assertEquals("true\n", ok("network", "inspect", "-f", "{{.Internal}}", in));
    String c = name("idle");
    ok("create", "--name", c, "busybox", "sleep", "60");
    ok("network", "connect", "--ip", NET + "30.9", in, c);
    String c2 = name("idle2");
    ok("create", "--name", c2, "busybox", "sleep", "60");
    rejected("Address already in use", "network", "connect", "--ip", NET + "30.9", in, c2);
    ok("rm", c2);
    assertEquals(NET + "30.9/24\n", ok("network", "inspect", "-f", "{{range .Containers}}{{.IPv4Address}}{{end}}", in));
    ok("network", "disconnect", in, c);
    ok("rm", c);
    ok("network", "prune", "-f");
    rejected("not found", "network", "inspect", in);
  }

  @Test
  void namesAndAliasesResolveOnAUserNetworkOnly() throws Exception {
    String net = name("dnsnet");
    String web = name("dnsweb");
    ok("network", "create", "--subnet", NET + "40.0/24", net);
    // what compose does: create, then re-connect with aliases before start
    ok("create", "--name", web, "--network", net, "busybox", "httpd", "-f", "-p", "80", "-h", "/etc");
    ok("network", "disconnect", net, web);
    ok("network", "connect", "--alias", "webalias", net, web);
    ok("start", web);
    String id12 = ok("inspect", "-f", "{{.Id}}", web).substring(0, 12);
    assertEquals(id12 + "\n", ok("run", "--rm", "--network", net, "busybox", "wget", "-qO-", "http://" + web + "/hostname"));
    assertEquals(id12 + "\n", ok("run", "--rm", "--network", net, "busybox", "wget", "-qO-", "http://webalias/hostname"));
    String other = ok("run", "--rm", "busybox", "sh", "-c", "timeout 3 wget -qO- http://webalias/hostname; echo rc=$?");
    assertFalse(other.contains("rc=0"), other);
    ok("rm", "-f", web);
    ok("network", "rm", net);
  }
}
