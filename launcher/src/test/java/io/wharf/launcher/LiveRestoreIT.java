package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.launcher.DockerCliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live-restore with the real docker CLI: containers run, the daemon JVM is killed with SIGKILL (by
 * PID) and started again on the same directories. Every container that was running still runs and
 * answers ps, logs -f (no line lost), attach and stop; one that exited while the daemon was down
 * shows its real exit code and finish time; nothing leaks (checked by {@link WharfNode#close}).
 */
class LiveRestoreIT {
  private WharfNode node;

  @BeforeEach
  void start() throws Exception {
    node = WharfNode.start("restore-it-");
    node.loadBusybox();
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void containersSurviveAKilledDaemon() throws Exception {
    DockerCliRunner docker = node.docker;
    docker.ok("run", "-d", "--name", "tk", "busybox", "sh", "-c",
        "i=0; while true; do i=$((i+1)); echo $i; sleep 0.2; done");
    String exId = docker.ok("run", "-d", "--name", "ex", "busybox", "sh", "-c", "sleep 4; exit 42").out().strip();
    docker.ok("run", "-d", "-i", "--name", "in", "busybox", "cat");
    awaitLogLine(docker, "tk", "3");

    node.killDaemon();
    Instant killed = Instant.now();
    Path exitFile = node.runDir().resolve("exits").resolve(exId);
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(60));
    while (!Files.exists(exitFile)) { // conmon writes it when "ex" exits, daemon or not
      assertTrue(System.nanoTime() < deadline, "ex never exited: no " + exitFile);
      Thread.sleep(200);
    }
    Instant exited = Files.getLastModifiedTime(exitFile).toInstant();
    Thread.sleep(500); // the ticker keeps writing while no daemon runs
    Instant restarted = Instant.now();
    node.startDaemon();

    assertEquals("in Up\ntk Up\n", docker.ok("ps", "--format", "{{.Names}} {{.State}}", "--filter", "status=running")
        .out().replace("running", "Up").lines().sorted().map(l -> l + "\n").reduce("", String::concat));
    Result psA = docker.ok("ps", "-a", "--filter", "name=ex", "--format", "{{.Status}}");
    assertTrue(psA.out().startsWith("Exited (42) "), psA.describe());
    String[] ex = docker.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.FinishedAt}}", "ex")
        .out().strip().split(" ");
    assertEquals(List.of("exited", "42"), List.of(ex[0], ex[1]));
    Instant finishedAt = Instant.parse(ex[2]);
    assertTrue(!finishedAt.isBefore(killed.minusSeconds(1)) && finishedAt.isBefore(restarted),
        "FinishedAt " + finishedAt + " should be the real exit (" + exited + "), not the restart (" + restarted + ")");
    assertTrue(Duration.between(exited, finishedAt).abs().toMillis() < 1000, finishedAt + " vs " + exited);

    int target = lastNumber(docker.ok("logs", "--tail", "1", "tk").out()) + 5;
    DockerCliRunner.Running follow = docker.start(null, "logs", "-f", "tk");
    String followed = follow.awaitOut("lines written after the restart", o -> lastNumber(o) >= target,
        Duration.ofSeconds(60));
    follow.kill();
    assertNoGap(followed);

    DockerCliRunner.Running attach = docker.start("restored-attach\n", "attach", "in");
    attach.awaitOut("cat's echo through the re-attached stdin", o -> o.contains("restored-attach\n"),
        Duration.ofSeconds(60));
    attach.kill(); // SIGKILL: a SIGTERM would be proxied to cat

    assertEquals("tk\nin\n", docker.ok("stop", "-t", "1", "tk", "in").out());
    assertEquals("exited 137", docker.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "tk").out().strip());
    assertEquals("", docker.ok("ps", "-q").out());
    assertEquals("tk\nex\nin\n", docker.ok("rm", "tk", "ex", "in").out());
    assertEquals(List.of(), node.mountsUnderDir(), "overlay mounts left after rm");
  }

  private static void awaitLogLine(DockerCliRunner docker, String name, String line) throws Exception {
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(60));
    while (!docker.run("logs", name).lines().contains(line)) {
      assertTrue(System.nanoTime() < deadline, name + " never printed " + line);
      Thread.sleep(200);
    }
  }

  private static int lastNumber(String out) {
    List<String> lines = out.lines().filter(l -> l.matches("\\d+")).toList();
    return lines.isEmpty() ? 0 : Integer.parseInt(lines.get(lines.size() - 1));
  }

  /** The ticker's counter, from 1, every number once, in order. */
  private static void assertNoGap(String out) {
    List<String> lines = out.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals(Integer.toString(i + 1))) {
        fail("ticker line " + (i + 1) + " is '" + lines.get(i) + "' (a line was lost or repeated):\n" + out);
      }
    }
    assertTrue(lines.size() > 10, out);
  }
}
