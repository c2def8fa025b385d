package io.wharf.launcher;

import static io.wharf.launcher.Prerequisites.require;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the daemon in the middle of docker commit and of docker cp: after a restart there is
 * no half-made image or tag, no left-over temp layer, the container is neither frozen nor stuck,
 * and no rootfs stays mounted for a stopped container. Needs root, the docker CLI and a static
 * busybox (fails under CI=true when one is missing, skips otherwise).
 */
class FilesCrashIT {
  private Path dir;
  private Path run;
  private Path data;
  private DaemonProcess daemon;
  private String socket;
  private final String tag = UUID.randomUUID().toString().substring(0, 6);
  private List<String> daemonArgs;

  @BeforeEach
  void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    require(DaemonProcess.isRoot(), "needs root");
    require(Prerequisites.onPath("docker"), "needs the docker CLI");
    dir = DaemonProcess.scratch("crash");
    data = dir.resolve("data");
    run = Files.createTempDirectory(Path.of("/tmp"), "wc");
    socket = run.resolve("d.sock").toString();
    daemonArgs = List.of("daemon", "--data-root", data.toString(), "--run-dir", run.resolve("r").toString(),
        "--socket", socket, "--node-name", "crash-" + tag,
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "crash-" + tag);
    start("first");
    Path image = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        image.toString()).redirectErrorStream(true).start();
    require(p.waitFor() == 0, "needs a static busybox");
    sh("docker load -i " + image);
  }

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
  void killDuringCommitLeavesNoImageAndAThawedContainer() throws Exception {
    String c = "cm-" + tag;
    sh("docker run -d --name " + c + " busybox sleep 600");
    sh("truncate -s 300M " + dir.resolve("zeros") + " && docker cp " + dir.resolve("zeros") + " " + c + ":/zeros");
    Process commit = shell("docker commit " + c + " crashed-" + tag + ":1");
    Path tempLayer = containerDir(c).resolve("commit-layer.tar");
    awaitFile(tempLayer);
    killAndRestart();
    commit.waitFor(30, TimeUnit.SECONDS);

    assertFalse(sh("docker images --format '{{.Repository}}'").contains("crashed-" + tag));
    assertFalse(Files.exists(tempLayer), "left-over commit layer");
    assertEquals("running\n", sh("docker inspect -f '{{.State.Status}}' " + c));
    assertTrue(sh("runc --root " + run.resolve("r/runc") + " list").contains(" running "), "container still frozen");
    try (Stream<Path> tmp = Files.list(data.resolve("registry/tmp"))) {
      assertEquals(0, tmp.count(), "registry staging left behind");
    }
    String id = sh("docker commit " + c + " crashed-" + tag + ":2").trim();
    assertTrue(id.startsWith("sha256:"), id);
    assertEquals("314572800\n", sh("docker run --rm crashed-" + tag + ":2 stat -c %s /zeros"));
  }

  @Test
  void killDuringCopyIntoAStoppedContainerLeavesNoMount() throws Exception {
    String c = "cp-" + tag;
    sh("docker create --name " + c + " busybox true");
    Files.writeString(dir.resolve("f.txt"), "f");
    // a tar header and then nothing for a while: the node holds the rootfs mounted, waiting
    Process put = shell("( tar cf - -C " + dir + " f.txt | head -c 512; sleep 20 ) | curl -s -X PUT -T - "
        + "--unix-socket " + socket + " 'http://x/containers/" + c + "/archive?path=/tmp'");
    long until = deadline(Duration.ofSeconds(20));
    while (mountsUnder(run) == 0) {
      if (System.nanoTime() > until) {
        fail("the rootfs was never mounted for the copy:\n" + daemon.log());
      }
      Thread.sleep(50);
    }
    killAndRestart();
    put.destroyForcibly();
    assertEquals(0, mountsUnder(run), "rootfs left mounted");
    assertEquals("created\n", sh("docker inspect -f '{{.State.Status}}' " + c));
    sh("docker cp " + dir.resolve("f.txt") + " " + c + ":/tmp/f.txt");
    assertNotEquals("", sh("docker diff " + c));
  }

  private void killAndRestart() throws Exception {
    new ProcessBuilder("kill", "-9", String.valueOf(daemon.pid())).start().waitFor();
    daemon.awaitExit(Duration.ofSeconds(10));
    start("second");
  }

  private void start(String name) throws Exception {
    daemon = DaemonProcess.start(name, dir, daemonArgs);
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
  }

  private Path containerDir(String name) throws Exception {
    return data.resolve("containers").resolve(sh("docker inspect -f '{{.Id}}' " + name).trim());
  }

  private void awaitFile(Path p) throws InterruptedException {
    long until = deadline(Duration.ofSeconds(30));
    while (!Files.exists(p)) {
      if (System.nanoTime() > until) {
        fail("never saw " + p + ":\n" + daemon.log());
      }
      Thread.sleep(10);
    }
  }

  private static long mountsUnder(Path p) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains(p.toString())).count();
  }

  private Process shell(String script) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    return pb.start();
  }

  private String sh(String script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script);
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    Path err = Files.createTempFile("wharf-crash", ".err");
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
