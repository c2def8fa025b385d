package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One all-roles {@code wharf daemon} JVM on a scratch directory, for tests that drive it with the
 * real docker CLI. It can be killed with SIGKILL and started again on the same directories
 * (live-restore). {@link #close} removes every container, stops the daemon by PID and reports
 * leftovers (mounts under the scratch dir, conmon processes of it).
 */
final class WharfNode implements AutoCloseable {
  static final Duration START_DEADLINE = Duration.ofSeconds(90);

  final Path dir;
  final DockerCliRunner docker;
  private final String name;
  private DaemonProcess daemon;
  private int starts;

  private WharfNode(Path dir, String name) throws IOException {
    this.dir = dir;
    this.name = name;
    this.docker = new DockerCliRunner(runDir().resolve("wharf.sock"), dir.resolve("cli"));
  }

  /** Checks the prerequisites (root, the packaged launcher, the docker CLI), then starts a daemon. */
  static WharfNode start(String prefix) throws Exception {
    boolean root = DaemonProcess.isRoot();
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(root, "the node role needs root (CI=true)");
    }
    Assumptions.assumeTrue(root, "the node role needs root");
    DaemonProcess.assumeLauncherBuilt();
    DockerCliRunner.assumeInstalled();
    WharfNode node = new WharfNode(DaemonProcess.scratch(prefix), prefix.replaceAll("[^a-z]", ""));
    node.startDaemon();
    return node;
  }

  Path dataRoot() {
    return dir.resolve("d");
  }

  Path runDir() {
    return dir.resolve("r");
  }

  long pid() {
    return daemon.pid();
  }

  String log() {
    return daemon == null ? "" : daemon.log();
  }

  /** Starts the daemon (again) on the same data root, run dir and socket; waits for ready. */
  void startDaemon() throws Exception {
    starts++;
    List<String> args = new ArrayList<>(List.of("daemon",
        "--data-root", dataRoot().toString(), "--run-dir", runDir().toString(),
        "--node-name", name, "--bind", "127.0.0.1",
        "--cluster-port", String.valueOf(DaemonProcess.freePort()),
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-name", name + "-" + ProcessHandle.current().pid()));
    daemon = DaemonProcess.start(name + "-" + starts, dir, args);
    daemon.awaitLog(" ready in ", DaemonProcess.deadline(START_DEADLINE));
  }

  /** kill -9 of the daemon JVM, by PID; containers keep running under their conmon. */
  void killDaemon() throws InterruptedException {
    ProcessHandle.of(daemon.pid()).ifPresent(ProcessHandle::destroyForcibly);
    assertTrue(daemon.awaitExit(Duration.ofSeconds(30)) != -1, "daemon survived SIGKILL");
  }

  /** Makes busybox:latest from the host's static busybox (scripts/busybox-image.sh) and loads it. */
  Path loadBusybox() throws Exception {
    Path tar = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "busybox-image.sh: " + out);
    DockerCliRunner.Result load = docker.ok("load", "-i", tar.toString());
    assertTrue(load.out().contains("Loaded image: busybox:latest"), load.describe());
    return tar;
  }

  /** Mount points under the scratch dir (overlay roots the daemon left behind). */
  List<String> mountsUnderDir() throws IOException {
    String prefix = dir.toAbsolutePath() + "/";
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
      return lines.map(l -> l.split(" ")[4]).filter(m -> m.startsWith(prefix)).toList();
    }
  }

  /** PIDs of conmon processes whose command line names the scratch dir. */
  List<Long> conmonsOfDir() {
    String marker = dir.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(h -> h.info().command().map(c -> c.endsWith("/conmon")).orElse(false))
        .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }

  /**
   * Removes every container, stops the daemon (SIGTERM by PID, SIGKILL after 20 s), then fails if
   * a mount or a conmon of this node is left; deletes the scratch dir when nothing is mounted.
   */
  @Override
  public void close() throws Exception {
    List<String> problems = new ArrayList<>();
    try {
      if (daemon != null && daemon.isAlive()) {
        DockerCliRunner.Result ids = docker.run("ps", "-aq");
        if (!ids.lines().isEmpty()) {
          List<String> rm = new ArrayList<>(List.of("rm", "-f"));
          rm.addAll(ids.lines());
          DockerCliRunner.Result removed = docker.run(rm.toArray(String[]::new));
          if (removed.exit() != 0) {
            problems.add(removed.describe());
          }
        }
      }
    } finally {
      if (daemon != null) {
        daemon.stop();
      }
    }
    List<String> mounts = mountsUnderDir();
    List<Long> conmons = conmonsOfDir();
    for (long pid : conmons) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // ours: started for this dir
    }
    if (!mounts.isEmpty()) {
      problems.add("mounts left: " + mounts);
    }
    if (!conmons.isEmpty()) {
      problems.add("conmon processes left: " + conmons);
    }
    ScratchDirs.deleteUnlessMounted(dir);
    assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n--- daemon log:\n" + log());
  }
}
