package io.wharf.launcher;

import static io.wharf.launcher.Prerequisites.require;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the daemon in the middle of create, start, stop and exec. The node agent pauses at a
 * named point ({@code -Dwharf.test.pauseAt}, see node-agent PausePoint) so the kill lands exactly
 * there. After a restart: the container is either gone with everything it held or it exists and
 * works, {@code docker inspect} agrees with runc, and no mount, cgroup, netns or conmon is left
 * for a container that does not run. Needs root, the docker CLI and a static busybox (fails under
 * CI=true when one is missing, skips otherwise).
 */
class CrashPointsIT {
  private final String tag = UUID.randomUUID().toString().substring(0, 6);
  private final String c = "crash-" + tag;
  private Path dir;
  private Path run;
  private Path data;
  private DaemonProcess daemon;
  private String socket;
  private List<String> daemonArgs;

  @AfterEach
  void stopDaemon() throws Exception {
    if (daemon != null) {
      sh("docker ps -aq | xargs -r docker rm -f");
      daemon.stop();
    }
    if (run != null) {
      new ProcessBuilder("rm", "-rf", run.toString()).start().waitFor();
    }
  }

  @Test
  void killDuringCreateLeavesNoHalfMadeContainer() throws Exception {
    startPausingAt("create.beforeRecord");
    Process create = shell("docker create --name " + c + " busybox sleep 600");
    List<String> ids = crashAt("create.beforeRecord");
    create.waitFor(30, TimeUnit.SECONDS);
    assertEquals("", sh("docker ps -aq --filter name=" + c));
    assertNoLeaks(ids);
    assertTrue(containerDirs().isEmpty(), "container dir left: " + containerDirs());
    sh("docker create --name " + c + " busybox true"); // the name is free again
  }

  @Test
  void killAfterTheShimStartedLeavesACreatedContainerThatStarts() throws Exception {
    killDuringStartAt("start.afterShim");
  }

  @Test
  void killAfterRuncStartLeavesACreatedContainerThatStarts() throws Exception {
    killDuringStartAt("start.afterRuncStart");
  }

  @Test
  void killDuringStopLeavesTheContainerRunningAndStoppable() throws Exception {
    startPausingAt("stop.afterSignal");
    sh("docker run -d --name " + c + " busybox sleep 600"); // PID 1 ignores SIGTERM: it keeps running
    Process stop = shell("docker stop -t 30 " + c);
    List<String> ids = crashAt("stop.afterSignal");
    stop.destroyForcibly();
    assertEquals("running\n", sh("docker inspect -f '{{.State.Status}}' " + c));
    assertEquals("running", runcStatus(ids.get(0)));
    assertNoLeaks(ids);
    sh("docker exec " + c + " true");
    sh("docker stop -t 1 " + c);
    assertEquals("exited\n", sh("docker inspect -f '{{.State.Status}}' " + c));
    assertNoLeaks(ids);
  }

  @Test
  void killDuringExecLeavesNoExecShim() throws Exception {
    startPausingAt("exec.afterPrepare");
    sh("docker run -d --name " + c + " busybox sleep 600");
    Process exec = shell("docker exec " + c + " echo hi");
    List<String> ids = crashAt("exec.afterPrepare");
    exec.destroyForcibly();
    assertEquals("running\n", sh("docker inspect -f '{{.State.Status}}' " + c));
    assertNoLeaks(ids);
    assertEquals("hi\n", sh("docker exec " + c + " echo hi"));
    sh("docker rm -f " + c);
    assertNoLeaks(ids);
  }

  private void killDuringStartAt(String point) throws Exception {
    startPausingAt(point);
    sh("docker create --name " + c + " busybox sleep 600");
    Process start = shell("docker start " + c);
    List<String> ids = crashAt(point);
    start.destroyForcibly();
    assertEquals("created\n", sh("docker inspect -f '{{.State.Status}}' " + c));
    assertEquals("", runcStatus(ids.get(0)));
    assertNoLeaks(ids);
    sh("docker start " + c);
    assertEquals("hi\n", sh("docker exec " + c + " echo hi"));
    sh("docker rm -f " + c);
    assertNoLeaks(ids);
  }

  /** Waits until the agent paused at {@code point}, kills it, restarts; returns the container ids. */
  private List<String> crashAt(String point) throws Exception {
    daemon.awaitLog("paused at " + point, deadline(Duration.ofSeconds(60)));
    List<String> ids = containerDirs();
    new ProcessBuilder("kill", "-9", String.valueOf(daemon.pid())).start().waitFor();
    daemon.awaitExit(Duration.ofSeconds(10));
    start("second", "");
    return ids;
  }

  private void assertNoLeaks(List<String> ids) throws Exception {
    List<String> running = new ArrayList<>();
    for (String id : ids) {
      if ("running".equals(runcStatus(id))) {
        running.add(id);
      }
    }
    List<String> leaks = new HostLeaks(run, data).leaks(ids, running);
    assertTrue(leaks.isEmpty(), "leaked: " + leaks + "\n" + daemon.log());
  }

  private String runcStatus(String id) throws Exception {
    String out = sh("runc --root " + run.resolve("r/runc") + " state " + id + " 2>/dev/null || true");
    int at = out.indexOf("\"status\": \"");
    return at < 0 ? "" : out.substring(at + 11, out.indexOf('"', at + 11));
  }

  private List<String> containerDirs() throws Exception {
    Path containers = data.resolve("containers");
    if (!Files.isDirectory(containers)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(containers)) {
      return dirs.map(p -> p.getFileName().toString()).toList();
    }
  }

  private void startPausingAt(String point) throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    require(DaemonProcess.isRoot(), "needs root");
    require(Prerequisites.onPath("docker") && Prerequisites.onPath("runc"), "needs the docker CLI and runc");
    dir = DaemonProcess.scratch("crashpt");
    data = dir.resolve("data");
    run = Files.createTempDirectory(Path.of("/tmp"), "wp");
    socket = run.resolve("d.sock").toString();
    daemonArgs = List.of("daemon", "--data-root", data.toString(), "--run-dir", run.resolve("r").toString(),
        "--socket", socket, "--node-name", "crashpt-" + tag,
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "crashpt-" + tag);
    start("first", "-Dwharf.test.pauseAt=" + point);
    Path image = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        image.toString()).redirectErrorStream(true).start();
    require(p.waitFor() == 0, "needs a static busybox");
    sh("docker load -i " + image);
  }

  private void start(String name, String jvmFlags) throws Exception {
    daemon = DaemonProcess.start(name, dir, daemonArgs, jvmFlags);
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
  }

  private Process shell(String script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    return pb.start();
  }

  private String sh(String script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script);
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    Path err = Files.createTempFile("wharf-crashpt", ".err");
    try {
      Process p = pb.redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        fail(script + " failed: " + Files.readString(err) + "\n" + daemon.log());
      }
      return out;
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
