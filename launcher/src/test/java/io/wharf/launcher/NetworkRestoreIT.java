package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.DockerCliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, networks survive the daemon: a user network with two running containers and a stopped
 * one, the daemon killed with SIGKILL (by PID), the network's bridge and NAT rule deleted meanwhile
 * (what a host that lost its bridges looks like), the daemon started again. ls/inspect show the
 * same networks, ids and subnets; the running containers reach each other by address and by name
 * again; a network whose only container exited while no daemon ran loses its bridge and rules; the stopped one starts with its old address; rm and network rm leave no bridge, rule,
 * netns or other host state.
 */
class NetworkRestoreIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String NET = "10." + (100 + PID % 100) + ".60.";
  private WharfNode node;

  @BeforeEach
  void start() throws Exception {
    node = WharfNode.start("netrestore-it-");
    node.loadBusybox();
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static String host(String script) throws Exception {
    return ShellRunner.sh(script).out();
  }

  @Test
  void networksEndpointsAndLinksSurviveAKilledDaemon() throws Exception {
    DockerCliRunner docker = node.docker;
    String net = "keep" + PID;
    String id = docker.ok("network", "create", "--subnet", NET + "0/24", net).out().strip();
    String bridge = "wh-" + id.substring(0, 12);
    docker.ok("run", "-d", "--name", "ra", "--network", net, "busybox", "sleep", "600");
    docker.ok("run", "-d", "--name", "rb", "--network", net, "busybox", "sleep", "600");
    docker.ok("run", "-d", "--name", "st", "--network", net, "busybox", "sleep", "600");
    docker.ok("kill", "st");
    String idle = "idle" + PID;
    String idleBridge = "wh-" + docker.ok("network", "create", "--subnet", NET.replace(".60.", ".61.") + "0/24", idle)
        .out().strip().substring(0, 12);
    String icId = docker.ok("run", "-d", "--name", "ic", "--network", idle, "busybox", "sleep", "3").out().strip();
    String[] inspectArgs = {"network", "inspect", "-f",
        "{{.Id}} {{.Name}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}} {{.Created}}", net, "bridge"};
    String before = docker.ok(inspectArgs).out();
    String lsBefore = docker.ok("network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}} {{.Driver}}").out();
    assertEquals(NET + "4", ip(docker, "st"));

    node.killDaemon();
    awaitExitFile(icId); // ic exits while no daemon runs: its link is torn down after the restart
    host("ip link del " + bridge + "; iptables -w -t nat -D POSTROUTING -s " + NET + "0/24 ! -o " + bridge
        + " -j MASQUERADE; iptables -w -D WHARF-FWD -i " + bridge + " -o " + bridge + " -j ACCEPT");
    assertFalse(Files.exists(Path.of("/sys/class/net", bridge)));
    node.startDaemon();

    assertEquals(before, docker.ok(inspectArgs).out());
    assertEquals(lsBefore, docker.ok("network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}} {{.Driver}}").out());
    awaitPing(docker, "ra", NET + "3");
    awaitPing(docker, "ra", "rb");
    assertTrue(host("iptables -w -S WHARF-FWD").contains("-i " + bridge + " -o " + bridge + " -j ACCEPT"));
    assertTrue(host("iptables -w -t nat -S POSTROUTING").contains("-s " + NET + "0/24 ! -o " + bridge + " -j MASQUERADE"));

    awaitGone(idleBridge);
    assertFalse(host("iptables -w -S WHARF-FWD").contains(idleBridge), "rules of the unused bridge left");

    docker.ok("start", "st");
    assertEquals(NET + "4", ip(docker, "st"));
    assertEquals(0, docker.run("exec", "st", "ping", "-c1", "-W2", "ra").exit(), "st reaches ra by name");

    String stId = docker.ok("inspect", "-f", "{{.Id}}", "st").out().strip();
    docker.ok("rm", "-f", "ra", "rb", "st", "ic");
    docker.ok("network", "rm", idle);
    Result busy = docker.run("network", "rm", "bridge");
    assertTrue(busy.err().contains("bridge is a pre-defined network and cannot be removed"), busy.describe());
    docker.ok("network", "rm", net);
    assertFalse(docker.ok("network", "ls").out().contains(net));
    assertFalse(Files.exists(Path.of("/sys/class/net", bridge)), "bridge left behind");
    assertFalse(host("iptables -w -S WHARF-FWD 2>/dev/null").contains(bridge), "filter rules left behind");
    assertFalse(host("iptables -w -t nat -S POSTROUTING").contains(NET + "0/24"), "NAT rule left behind");
    assertFalse(Files.exists(Path.of("/var/run/netns", stId)), "netns left behind");
    assertFalse(Files.exists(node.dataRoot().resolve("networks").resolve(id)), "network files left behind");
    List<String> leaks = new HostLeaks(node.runDir(), node.dataRoot()).leaks(List.of(stId), List.of());
    assertTrue(leaks.isEmpty(), String.join("\n", leaks));
  }

  private void awaitExitFile(String id) throws InterruptedException {
    Path exitFile = node.runDir().resolve("exits").resolve(id);
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(30));
    while (!Files.exists(exitFile)) {
      assertTrue(System.nanoTime() < deadline, "never exited: no " + exitFile);
      Thread.sleep(200);
    }
  }

  /** Recovery tears the exited container's links down just after the daemon is ready. */
  private static void awaitGone(String bridge) throws InterruptedException {
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(20));
    while (Files.exists(Path.of("/sys/class/net", bridge))) {
      assertTrue(System.nanoTime() < deadline, bridge + " left without ports after the restart");
      Thread.sleep(200);
    }
  }

  private static String ip(DockerCliRunner docker, String container) throws Exception {
    return docker.ok("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container)
        .out().strip();
  }

  /** The links are taken over just after the daemon is ready: a few tries. */
  private static void awaitPing(DockerCliRunner docker, String from, String to) throws Exception {
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(20));
    Result r;
    do {
      r = docker.run("exec", from, "ping", "-c1", "-W1", to);
      if (r.exit() == 0) {
        return;
      }
      Thread.sleep(300);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(from + " cannot reach " + to + " after the restart: " + r.describe());
  }
}
