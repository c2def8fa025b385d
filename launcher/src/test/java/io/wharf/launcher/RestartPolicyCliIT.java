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
    // as dockerd: a policy restart shows as die then start (no "restart" event, which is docker restart's)
    assertEquals(3, events.out().lines().filter("start"::equals).count(), events.toString());
    assertEquals(0, events.out().lines().filter("restart"::equals).count(), events.toString());

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

  @Test
  void aRestartingContainerShowsItAndStopKillRmAndUpdateEndIt() throws Exception {
    DockerCli.Result run = cli.docker("run", "-d", "--name", "loop", "--restart", "always", "busybox", "false");
    assertEquals(0, run.exit(), run.toString());
    String id = inspect("{{.Id}}", "loop");
    await("false under --restart=always is restarting", "{{.State.Status}} {{.State.Restarting}} {{.State.Running}}",
        "loop", "restarting true true");
    assertTrue(Integer.parseInt(inspect("{{.RestartCount}}", "loop")) >= 1, "counted when the restart is decided");
    long until = deadline(Duration.ofSeconds(20));
    String status;
    do { // the container runs for a few ms between back-offs
      status = cli.docker("ps", "--filter", "name=loop", "--format", "{{.Status}}").out().strip();
    } while (status.startsWith("Up") && System.nanoTime() < until);
    assertTrue(status.matches("Restarting \\(1\\) (Less than a second|\\d+ seconds?) ago"), status);

    DockerCli.Result rm = cli.docker("rm", "loop");
    assertEquals(1, rm.exit(), rm.toString());
    assertTrue(rm.err().contains("You cannot remove a restarting container " + id
        + ". Stop the container before attempting removal or force remove"), rm.toString());

    long t0 = System.nanoTime();
    assertEquals(0, cli.docker("stop", "loop").exit());
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "stop of a restarting container returns at once");
    assertEquals("exited 1 false", inspect("{{.State.Status}} {{.State.ExitCode}} {{.State.Restarting}}", "loop"));
    int count = Integer.parseInt(inspect("{{.RestartCount}}", "loop"));
    Thread.sleep(1500);
    assertEquals("exited " + count, inspect("{{.State.Status}} {{.RestartCount}}", "loop"), "the pending restart is cancelled");

    DockerCli.Result restart = cli.docker("restart", "loop");
    assertEquals(0, restart.exit(), restart.toString());
    await("restarting again", "{{.State.Status}}", "loop", "restarting");
    assertEquals(0, cli.docker("kill", "loop").exit());
    assertEquals("exited", inspect("{{.State.Status}}", "loop"));

    assertEquals(0, cli.docker("start", "loop").exit());
    await("restarting after a start", "{{.State.Status}}", "loop", "restarting");
    assertEquals(0, cli.docker("update", "--restart", "no", "loop").exit());
    // exited at once when it was restarting; after its exit when the update caught one of its short runs
    await("--restart=no ends the back-off", "{{.State.Status}}", "loop", "exited");

    assertEquals(0, cli.docker("update", "--restart", "always", "loop").exit());
    assertEquals(0, cli.docker("start", "loop").exit());
    await("restarting before rm -f", "{{.State.Status}}", "loop", "restarting");
    assertEquals(0, cli.docker("rm", "-f", "loop").exit());
    assertEquals("", cli.docker("ps", "-aq", "--filter", "name=loop").out().strip());
  }

  @Test
  void aBackOffCutByTheDaemonResumes() throws Exception {
    DockerCli.Result run = cli.docker("run", "-d", "--name", "loop", "--restart", "always", "busybox", "false");
    assertEquals(0, run.exit(), run.toString());
    long longerBackOff = deadline(Duration.ofSeconds(20));
    while (!inspect("{{.State.Status}} {{ge .RestartCount 3}}", "loop").equals("restarting true")) {
      assertTrue(System.nanoTime() < longerBackOff, "a back-off of 400 ms or more");
      Thread.sleep(50);
    }
    daemon.stop();
    int before = Integer.parseInt(inspectOffline());
    startDaemon("second");
    long until = deadline(Duration.ofSeconds(20));
    while (Integer.parseInt(inspect("{{.RestartCount}}", "loop")) <= before) {
      assertTrue(System.nanoTime() < until, "the back-off resumes after the daemon restart");
      Thread.sleep(100);
    }
    assertEquals(0, cli.docker("stop", "loop").exit());
  }

  /** The RestartCount the stopped daemon saved (the record is the truth while no daemon runs). */
  private String inspectOffline() throws Exception {
    try (var files = Files.walk(dir.resolve("data"))) {
      Path record = files.filter(f -> f.getFileName().toString().equals("container.json")).findFirst().orElseThrow();
      String json = Files.readString(record);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"restartCount\"\\s*:\\s*(\\d+)").matcher(json);
      assertTrue(m.find(), json);
      // RESTARTING unless the stop fell in one of the short runs between back-offs
      assertTrue(json.contains("\"RESTARTING\"") || json.contains("\"RUNNING\""), json);
      return m.group(1);
    }
  }
}
