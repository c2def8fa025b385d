package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restart policies through the docker CLI against a real daemon: on-failure:N counts and stops,
 * a manual stop keeps an {@code always} container down, and a daemon restart brings back
 * {@code always} and {@code unless-stopped} containers (not unless-stopped ones stopped by hand).
 */
class RestartPolicyCliIT {
  private Path dir;
  private Path run;
  private DaemonProcess daemon;
  private DockerCli cli;
  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    DockerCli.assumeClientsAndRuntime();
    dir = DaemonProcess.scratch("restart-it-");
    run = Files.createTempDirectory(Path.of("/tmp"), "wrp");
    cli = new DockerCli(run.resolve("d.sock"));
    startDaemon("first");
    Path tar = dir.resolve("busybox.tar");
    assertEquals(0, cli.run(null, List.of(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString())).exit());
    assertEquals(0, cli.docker("load", "-i", tar.toString()).exit());
  }

  private void startDaemon(String name) throws Exception {
    daemon = DaemonProcess.start(name, dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", run.resolve("r").toString(), "--socket", run.resolve("d.sock").toString(),
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--node-name", "rp" + tag,
        "--cluster-name", "rp-" + tag));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (cli != null && daemon != null && daemon.isAlive()) {
      String ids = cli.docker("ps", "-aq").out().strip();
      for (String id : ids.isEmpty() ? new String[0] : ids.split("\\s+")) {
        cli.docker("rm", "-f", id);
      }
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

  private String inspect(String format, String name) throws Exception {
    return cli.docker("inspect", "-f", format, name).out().strip();
  }

  private void await(String what, String format, String name, String expected) throws Exception {
    long until = deadline(Duration.ofSeconds(20));
    while (!inspect(format, name).equals(expected)) {
      if (System.nanoTime() > until) {
        throw new AssertionError(what + ": " + inspect(format, name) + " instead of " + expected);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void policiesRestartCountAndSurviveTheDaemon() throws Exception {
    assertEquals(0, cli.docker("run", "-d", "--name", "fail", "--restart", "on-failure:2", "busybox", "sh", "-c",
        "exit 3").exit());
    assertEquals(0, cli.docker("run", "-d", "--name", "always", "--restart", "always", "busybox", "sleep", "1000").exit());
    assertEquals(0, cli.docker("run", "-d", "--name", "unless", "--restart", "unless-stopped", "busybox", "sleep",
        "1000").exit());
    assertEquals(0, cli.docker("run", "-d", "--name", "stopped", "--restart", "unless-stopped", "busybox", "sleep",
        "1000").exit());
    await("on-failure:2 gives up after two restarts", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}", "fail",
        "exited 2 3");
    Thread.sleep(1100); // --until 0s is the CLI's current second: let it pass the events
    DockerCli.Result events = cli.docker("events", "--since", "60s", "--until", "0s", "--filter", "container=fail",
        "--format", "{{.Action}}");
    assertEquals(2, events.out().lines().filter("restart"::equals).count(), events.toString());

    assertEquals(0, cli.docker("stop", "-t", "1", "always", "stopped").exit());
    Thread.sleep(500);
    assertEquals("exited", inspect("{{.State.Status}}", "always"), "a manual stop is not undone by the policy");

    daemon.stop();
    // "unless" keeps running through the restart (live-restore); "always" and "stopped" are down
    startDaemon("second");
    await("always comes back with the daemon", "{{.State.Status}}", "always", "running");
    assertEquals("running", inspect("{{.State.Status}}", "unless"), "live-restored");
    assertEquals("exited", inspect("{{.State.Status}}", "stopped"), "stopped by hand stays stopped");
  }
}
