package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.DockerCliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's acceptance block, line by line, with the real docker CLI against one real
 * {@code wharf daemon} JVM: outputs and exit codes as a Docker user sees them.
 */
class DockerCliAcceptanceIT {
  private static WharfNode node;
  private static DockerCliRunner docker;
  private static Path busyboxTar;
  private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

  @BeforeAll
  static void startDaemon() throws Exception {
    node = WharfNode.start("accept-it-");
    docker = node.docker;
    busyboxTar = node.loadBusybox();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static void assertContains(Result r, String text) {
    assertTrue((r.out() + r.err()).contains(text), "expected '" + text + "' in\n" + r.describe());
  }

  @Test
  void versionInfoImagesInspectHistory() throws Exception {
    Result version = docker.ok("version");
    assertContains(version, "Server: Wharf");
    assertTrue(Pattern.compile("(?s)Server: Wharf.*API version:\\s+1\\.47").matcher(version.out()).find(),
        version.describe());
    Result info = docker.ok("info");
    assertContains(info, "Storage Driver: overlay");
    assertContains(info, "Docker Root Dir: " + node.dataRoot());
    assertTrue(Pattern.compile("Images: [1-9]").matcher(info.out()).find(), info.describe());
    assertEquals("busybox:latest", docker.ok("images", "--format", "{{.Repository}}:{{.Tag}}", "busybox")
        .out().strip());
    assertEquals("[sh]", docker.ok("image", "inspect", "-f", "{{.Config.Cmd}}", "busybox").out().strip());
    Result history = docker.ok("history", "busybox");
    assertTrue(history.lines().size() >= 2 && history.lines().get(0).startsWith("IMAGE"), history.describe());
  }

  @Test
  void runForegroundExitCodesAndStdin() throws Exception {
    assertEquals("hello\n", docker.ok("run", "--rm", "busybox", "echo", "hello").out());
    assertEquals(3, docker.run("run", "--rm", "busybox", "sh", "-c", "exit 3").exit());
    Result cat = docker.run(DockerCliRunner.DEFAULT_TIMEOUT, "hi\n", "run", "-i", "--rm", "busybox", "cat");
    assertEquals(0, cat.exit(), cat.describe());
    assertEquals("hi\n", cat.out());
    assertEquals("", docker.ok("ps", "-aq", "--filter", "ancestor=busybox", "--filter", "status=exited").out(),
        "--rm containers are gone once docker run returns");
  }

  @Test
  void tickerLifecycle() throws Exception {
    String name = "ticker-" + RUN;
    String id = docker.ok("run", "-d", "--name", name, "busybox", "sh", "-c",
        "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done").out().strip();
    assertTrue(id.matches("[0-9a-f]{64}"), id);
    DockerCliRunner.Running follow = docker.start(null, "logs", "-f", name);
    follow.awaitOut("3 followed lines", o -> o.contains("tick 3\n"), Duration.ofSeconds(60));
    follow.kill();
    Result tail = docker.ok("logs", "--tail", "2", "-t", name);
    assertEquals(2, tail.lines().size(), tail.describe());
    for (String line : tail.lines()) {
      assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z tick \\d+"), line);
    }
    Result ps = docker.ok("ps", "--filter", "name=" + name, "--format", "{{.Names}} {{.Status}}");
    assertTrue(ps.out().matches(name + " Up .*\n"), ps.describe());
    assertEquals("running true " + id, docker.ok("inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.Id}}",
        name).out().strip());

    assertEquals(name + "\n", docker.ok("stop", "-t", "2", name).out());
    assertEquals("exited 137", state(name));
    assertTrue(docker.ok("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}").out()
        .startsWith("Exited (137) "));
    assertEquals(name + "\n", docker.ok("start", name).out());
    assertEquals("running 0", state(name));
    assertEquals(name + "\n", docker.ok("restart", "-t", "1", name).out());
    assertEquals("running 0", state(name));
    assertEquals(name + "\n", docker.ok("kill", "-s", "KILL", name).out());
    assertEquals("exited 137", state(name));
    assertEquals("137\n", docker.ok("wait", name).out());
    assertEquals(name + "\n", docker.ok("rm", name).out());
    assertEquals(1, docker.run("inspect", name).exit());
  }

  private static String state(String name) throws Exception {
    return docker.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name).out().strip();
  }

  @Test
  void memoryLimitOomKill() throws Exception {
    String name = "oom-" + RUN;
    Result run = docker.run("run", "--name", name, "--memory", "32m", "busybox", "sh", "-c",
        "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived");
    assertEquals(137, run.exit(), run.describe());
    assertEquals("true 137 exited", docker.ok("inspect", "-f",
        "{{.State.OOMKilled}} {{.State.ExitCode}} {{.State.Status}}", name).out().strip());
    docker.ok("rm", name);
  }

  @Test
  void importSaveRmiLoad() throws Exception {
    String image = "myimg-" + RUN + ":1";
    Path rootfs = node.dir.resolve("rootfs.tar");
    Process tar = new ProcessBuilder("sh", "-c", "tar -xOf " + busyboxTar + " --wildcards '*/layer.tar' > " + rootfs)
        .inheritIO().start();
    assertEquals(0, tar.waitFor());
    Result imported = docker.ok("import", rootfs.toString(), image, "--change", "CMD [\"/bin/sh\"]");
    assertTrue(imported.out().startsWith("sha256:"), imported.describe());
    assertEquals("[/bin/sh]", docker.ok("image", "inspect", "-f", "{{.Config.Cmd}}", image).out().strip());
    assertEquals("from import\n", docker.ok("run", "--rm", image, "echo", "from", "import").out());
    Path out = node.dir.resolve("out.tar");
    docker.ok("save", image, "-o", out.toString());
    assertTrue(Files.size(out) > 1_000_000, "saved tar size " + Files.size(out));
    Result rmi = docker.ok("rmi", image);
    assertContains(rmi, "Untagged: " + image);
    assertContains(rmi, "Deleted: sha256:");
    assertEquals(1, docker.run("image", "inspect", image).exit());
    assertContains(docker.ok("load", "-i", out.toString()), "Loaded image: " + image);
    assertEquals("[/bin/sh]", docker.ok("image", "inspect", "-f", "{{.Config.Cmd}}", image).out().strip());
    docker.ok("rmi", image);
  }

  @Test
  void eventsSinceUntilShowContainerAndImageEvents() throws Exception {
    String name = "evt-" + RUN;
    docker.ok("run", "--name", name, "busybox", "true");
    docker.ok("rm", name);
    docker.ok("tag", "busybox", "evt-" + RUN + ":1");
    docker.ok("rmi", "evt-" + RUN + ":1");
    // The CLI sends --until as whole Unix seconds (as dockerd gets it too): let this second pass so
    // "0s" covers the events above.
    Thread.sleep(1050 - System.currentTimeMillis() % 1000);
    Result events = docker.run(Duration.ofSeconds(30), null, "events", "--since", "1m", "--until", "0s");
    assertEquals(0, events.exit(), events.describe());
    for (String action : List.of("create", "attach", "start", "die", "destroy")) {
      assertTrue(Pattern.compile("container " + action + " [0-9a-f]{64} \\(.*name=" + name)
          .matcher(events.out()).find(), action + " of " + name + " in\n" + events.out());
    }
    assertTrue(events.out().contains("exitCode=0"), events.out());
    assertTrue(events.out().contains("image tag sha256:") && events.out().contains("name=evt-" + RUN + ":1"),
        events.out());
    assertTrue(events.out().contains("image untag sha256:"), events.out());
  }
}
