package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.config.Config;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.node.Placement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two daemon JVMs on loopback form one cluster: n1 runs every role whose verticle exists, n2 runs
 * the node agent (and a gateway, so that either socket serves the cluster) and joins n1. The test
 * itself joins as a Hazelcast lite member (owns no data) to watch membership and to ask the
 * scheduler where it would place containers. Checks only what exists today:
 * <ol>
 *   <li>three members (n1, n2, the test);
 *   <li>with a gateway: both sockets answer {@code GET /_ping};
 *   <li>with a scheduler and node agents: the scheduler places on n1 and on n2 (both node records
 *       are present and alive).
 * </ol>
 * Deadline 90 s for all of it. Daemons are stopped by PID (SIGTERM, then SIGKILL).
 */
class TwoJvmClusterIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private Path dir;
  private DaemonProcess n1;
  private DaemonProcess n2;
  private Vertx observer;
  private CrossNodeDockerChecks checks;
  private List<String> n2Args;

  @BeforeEach
  void setUp() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    dir = DaemonProcess.scratch("two-jvm-it-");
  }

  @AfterEach
  void tearDown() throws Exception {
    removeTestContainers();
    if (observer != null) {
      observer.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    for (DaemonProcess p : new DaemonProcess[] {n2, n1}) {
      if (p != null) {
        p.stop();
      }
    }
    ScratchDirs.deleteUnlessMounted(dir);
  }

  @Test
  void twoDaemonsFormOneCluster() throws Exception {
    long deadline = deadline(DEADLINE);
    String clusterName = "two-jvm-" + ProcessHandle.current().pid();
    int port1 = DaemonProcess.freePort();
    int port2 = DaemonProcess.freePort();
    List<Role> n1Roles = available(List.of(Role.values()));
    List<Role> n2Roles = available(List.of(Role.NODE, Role.GATEWAY));
    if (n2Roles.isEmpty()) {
      n2Roles = List.of(Role.SCHEDULER); // still a real member with a verticle
    }
    n1 = DaemonProcess.start("n1", dir, daemonArgs("n1", n1Roles, port1, clusterName, List.of()));
    n1.awaitLog("1 member(s)", deadline); // n1's Hazelcast is up: n2 joins it instead of splitting
    n2 = DaemonProcess.start("n2", dir, daemonArgs("n2", n2Roles, port2, clusterName,
        List.of("--join", "127.0.0.1:" + port1)));
    n1.awaitLog(" ready in ", deadline);
    n2.awaitLog(" ready in ", deadline);

    HazelcastClusterManager manager = joinAsObserver(clusterName, port1);
    List<String> checked = new ArrayList<>();
    awaitBoth("3 cluster members", () -> manager.getNodes().size() == 3, deadline);
    checked.add("3 members");
    if (n1Roles.contains(Role.GATEWAY)) {
      awaitBoth("_ping on n1's socket", () -> pings(dir.resolve("r-n1/wharf.sock")), deadline);
      checked.add("n1 _ping");
    }
    if (n2Roles.contains(Role.GATEWAY)) {
      awaitBoth("_ping on n2's socket", () -> pings(dir.resolve("r-n2/wharf.sock")), deadline);
      checked.add("n2 _ping");
    }
    if (n1Roles.contains(Role.SCHEDULER) && n1Roles.contains(Role.NODE) && n2Roles.contains(Role.NODE)) {
      awaitBoth("placement on n1", () -> placesOn("n1"), deadline);
      awaitBoth("placement on n2", () -> placesOn("n2"), deadline);
      checked.add("placement on n1 and n2");
    }
    System.out.println("TwoJvmClusterIT: n1 roles " + n1Roles + ", n2 roles " + n2Roles + "; checked " + checked);
  }

  /**
   * Issue 2's two-JVM acceptance with the real docker CLI: busybox loaded through n2 (whose node
   * agent then fetches the layers over HTTP from n1's registry), containers on both nodes, and
   * through either gateway: ps, logs, logs -f, attach with stdin, stop, rm, cluster-wide names.
   * Then n2 is killed (-9): n1's {@code docker ps} stops listing n2's containers as running
   * (they show as "dead"); n2 restarts on the same dirs and they run again (live-restore).
   */
  @Test
  void dockerCliSeesBothNodesThroughEitherGateway() throws Exception {
    if (!DaemonProcess.isRoot() && !"true".equals(System.getenv("CI"))) {
      org.junit.jupiter.api.Assumptions.abort("the node role needs root");
    }
    assertTrue(DaemonProcess.isRoot(), "the node role needs root (CI=true)");
    ClusterDockerCli.assumeInstalled();
    long deadline = deadline(Duration.ofSeconds(240));
    String clusterName = "two-jvm-cli-" + ProcessHandle.current().pid();
    int port1 = DaemonProcess.freePort();
    n1 = DaemonProcess.start("n1", dir, daemonArgs("n1", List.of(Role.values()), port1, clusterName, List.of()));
    n1.awaitLog("1 member(s)", deadline);
    n2Args = daemonArgs("n2", List.of(Role.NODE, Role.GATEWAY), DaemonProcess.freePort(), clusterName,
        List.of("--join", "127.0.0.1:" + port1));
    n2 = DaemonProcess.start("n2", dir, n2Args);
    n1.awaitLog(" ready in ", deadline);
    n2.awaitLog(" ready in ", deadline);
    String prefix = "tj" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    checks = new CrossNodeDockerChecks(
        Map.of("n1", cli("n1"), "n2", cli("n2")),
        Map.of("n1", dir.resolve("d-n1"), "n2", dir.resolve("d-n2")), prefix);

    Path tar = dir.resolve("busybox.tar");
    Process image = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()).inheritIO().start();
    assertEquals(0, image.waitFor(), "scripts/busybox-image.sh failed");
    checks.via("n2").run("load", "-i", tar.toString()).ok();
    Map<String, String> sleepers = checks.runOnBothNodes("sleep", "sleep", "3600");
    assertTrue(hasFiles(dir.resolve("d-n2/layers")), "n2 unpacked no layer (fetched from n1's registry)");
    checks.psListsEverywhere(List.copyOf(sleepers.values()));
    for (String node : List.of("n1", "n2")) {
      checks.streamsAcrossNodes(node);
    }
    checks.namesAreClusterWide(sleepers.get("n1"));
    checks.namesAreClusterWide(sleepers.get("n2"));
    Map<String, String> victims = checks.runOnBothNodes("stop", "sleep", "3600");
    checks.stopAndRemoveAcross("n1", victims.get("n1"));
    checks.stopAndRemoveAcross("n2", victims.get("n2"));

    ProcessHandle.of(n2.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL, by PID
    n2.awaitExit(Duration.ofSeconds(20));
    String lost = sleepers.get("n2");
    awaitOnN1("n2's container no longer running via n1", () -> !checks.listed("n1").contains(lost), deadline);
    assertTrue(checks.listed("n1", "-a", "--filter", "status=dead").contains(lost), "dead filter via n1");
    assertTrue(checks.listed("n1").contains(sleepers.get("n1")), "n1's own container still running");

    n2 = DaemonProcess.start("n2-again", dir, n2Args);
    n2.awaitLog(" ready in ", deadline);
    awaitOnN1("n2's container running again", () -> checks.listed("n1").contains(lost), deadline);
    checks.removeAll("n1");
    assertEquals(List.of(), checks.listed("n2", "-a"), "containers left after rm -f");
  }

  private ClusterDockerCli cli(String node) throws IOException {
    return new ClusterDockerCli(dir.resolve("r-" + node + "/wharf.sock"), Files.createDirectories(dir.resolve("cli")));
  }

  private static boolean hasFiles(Path p) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(p)) {
      return s.anyMatch(f -> !f.getFileName().toString().startsWith("."));
    }
  }

  /** rm -f of the containers the CLI test made; a killed n2 is started again first (it owns some). */
  private void removeTestContainers() throws Exception {
    if (checks == null || n1 == null || !n1.isAlive()) {
      return;
    }
    if (!n2.isAlive()) {
      n2 = DaemonProcess.start("n2-cleanup", dir, n2Args);
      n2.awaitLog(" ready in ", deadline(Duration.ofSeconds(60)));
    }
    checks.removeAll("n1");
  }

  /** Like awaitBoth, but only n1 must stay up (n2 may be down on purpose). */
  private void awaitOnN1(String what, CheckedCondition condition, long deadline) throws Exception {
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what + "\n--- n1:\n" + n1.log() + "\n--- n2:\n" + n2.log());
      }
      Thread.sleep(500);
    }
  }

  private interface CheckedCondition {
    boolean holds() throws Exception;
  }

  /**
   * The roles whose verticle is on the classpath (volume and network need none). The node agent
   * also needs root; without it the node role is dropped (or the test fails under CI=true).
   */
  private static List<Role> available(List<Role> wanted) {
    boolean root = DaemonProcess.isRoot();
    if (!root && "true".equals(System.getenv("CI")) && wanted.contains(Role.NODE)) {
      fail("the node role needs root (CI=true)");
    }
    return wanted.stream()
        .filter(r -> r.verticleClass().map(RoleDeployment::onClasspath).orElse(true))
        .filter(r -> r != Role.NODE || root)
        .toList();
  }

  /** kill -9 of one daemon: the others see it leave within seconds (the kernel closes its sockets). */
  @Test
  void aKilledMemberLeavesTheCluster() throws Exception {
    long deadline = deadline(DEADLINE);
    String clusterName = "two-jvm-kill-" + ProcessHandle.current().pid();
    int port1 = DaemonProcess.freePort();
    n1 = DaemonProcess.start("n1", dir, daemonArgs("n1", List.of(Role.SCHEDULER), port1, clusterName,
        List.of()));
    n1.awaitLog(" ready in ", deadline);
    n2 = DaemonProcess.start("n2", dir, daemonArgs("n2", List.of(Role.SCHEDULER), DaemonProcess.freePort(),
        clusterName, List.of("--join", "127.0.0.1:" + port1)));
    n2.awaitLog(" ready in ", deadline);
    n1.awaitLog("2 member(s)", deadline);
    ProcessHandle.of(n2.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL, by PID
    n1.awaitLog("cluster member left", deadline(Duration.ofSeconds(20)));
  }

  private List<String> daemonArgs(String name, List<Role> roles, int clusterPort, String clusterName,
      List<String> extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("daemon",
        "--data-root", dir.resolve("d-" + name).toString(),
        "--run-dir", dir.resolve("r-" + name).toString(),
        "--node-name", name,
        "--roles", String.join(",", roles.stream().map(Role::wireName).toList()),
        "--bind", "127.0.0.1",
        "--cluster-port", String.valueOf(clusterPort),
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-name", clusterName,
        "--heartbeat-timeout", "5"));
    args.addAll(extra);
    return args;
  }

  private HazelcastClusterManager joinAsObserver(String clusterName, int port1) throws Exception {
    DaemonOptions o = ((Command.Daemon) new WharfCommandLine("observer").parse(List.of("daemon",
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", clusterName,
        "--join", "127.0.0.1:" + port1, "--heartbeat-timeout", "5"))).options();
    Config hz = ClusterBootstrap.hazelcastConfig(o).setLiteMember(true);
    HazelcastClusterManager manager = new HazelcastClusterManager(hz);
    observer = Vertx.builder().with(ClusterBootstrap.vertxOptions(o)).withClusterManager(manager)
        .buildClustered().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return manager;
  }

  private boolean placesOn(String node) {
    try {
      Placement.Request request = new Placement.Request(0, 0, Map.of("node.name", node));
      return Bus.request(observer.eventBus(), Addresses.SCHEDULER_PLACE, request, Placement.Decision.class)
          .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).nodeId().equals(node);
    } catch (Exception e) {
      return false; // not registered yet
    }
  }

  /** True when the socket answers {@code GET /_ping} with 200 OK. */
  static boolean pings(Path socket) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: wharf\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(4096);
      while (ch.read(buf) > 0) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      String reply = out.toString(StandardCharsets.US_ASCII);
      return reply.matches("(?s)HTTP/1\\.[01] 200 .*") && reply.endsWith("OK");
    } catch (IOException e) {
      return false;
    }
  }

  private void awaitBoth(String what, BooleanSupplier condition, long deadline) throws Exception {
    while (!condition.getAsBoolean()) {
      for (DaemonProcess p : List.of(n1, n2)) {
        if (!p.isAlive()) {
          fail("a daemon exited before " + what + "\n--- n1:\n" + n1.log() + "\n--- n2:\n" + n2.log());
        }
      }
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what + "\n--- n1:\n" + n1.log() + "\n--- n2:\n" + n2.log());
      }
      Thread.sleep(500);
    }
  }
}
