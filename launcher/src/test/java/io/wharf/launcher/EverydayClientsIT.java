package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.clients.DockerJavaScenario;
import io.wharf.launcher.clients.TestcontainersScenario;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real clients doing everyday things against one real daemon: docker-py (Debian's 5.0.3 and, when
 * installed, the python3 on PATH with 7.x) running everyday.py, docker-java over the unix socket,
 * a Testcontainers GenericContainer, and the docker CLI's everyday commands (ps/logs/images
 * filters and formats, wait, kill -s, stop -t 0, events, image prune). Root only: real runc, conmon and overlayfs; python3-docker
 * and docker-registry missing fail under CI=true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EverydayClientsIT {
  private Path dir;
  private Path run;
  private Path socket;
  private DaemonProcess daemon;
  private DockerCli cli;
  private DistributionServer registry;
  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    DockerCli.assumeClientsAndRuntime();
    Prerequisites.require(DistributionServer.toolsPresent(), "docker-registry, htpasswd and skopeo are needed");
    dir = DaemonProcess.scratch("everyday-it-");
    run = Files.createTempDirectory(Path.of("/tmp"), "wev");
    socket = run.resolve("d.sock");
    daemon = DaemonProcess.start("everyday", dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", run.resolve("r").toString(), "--socket", socket.toString(),
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--node-name", "ev" + tag,
        "--cluster-name", "ev-" + tag));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    cli = new DockerCli(socket);
    Path tar = dir.resolve("busybox.tar");
    DockerCli.Result made = cli.run(null, List.of(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()));
    assertEquals(0, made.exit(), made.toString());
    assertEquals(0, cli.docker("load", "-i", tar.toString()).exit());
    registry = DistributionServer.start(dir.resolve("registry"), null, null);
  }

  @AfterAll
  void stopDaemon() throws Exception {
    if (cli != null) {
      DockerCli.Result left = cli.docker("ps", "-aq", "--filter", "name=" + tag);
      for (String id : left.out().split("\\s+")) {
        if (!id.isBlank()) {
          cli.docker("rm", "-f", id);
        }
      }
    }
    if (registry != null) {
      registry.close();
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

  @Test
  void dockerPyEverydayScriptPassesWithEachInstalledVersion() throws Exception {
    Path script = dir.resolve("everyday.py");
    try (var in = getClass().getResourceAsStream("/everyday.py")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> pythons = new ArrayList<>(List.of("/usr/bin/python3"));
    Result onPath = exec(List.of("python3", "-c", "import docker, sys; print(sys.executable)"), Map.of(), 30);
    if (onPath.exit() == 0 && !onPath.out().strip().equals("/usr/bin/python3")) {
      pythons.add(onPath.out().strip());
    }
    int n = 0;
    for (String python : pythons) {
      Result r = exec(List.of(python, script.toString(), tag + "-" + n++, registry.host()),
          Map.of("DOCKER_HOST", "unix://" + socket), 240);
      assertEquals(0, r.exit(), python + ": " + r);
      assertTrue(r.out().startsWith("OK "), python + ": " + r);
    }
  }

  @Test
  void dockerJavaRunsAContainerEndToEnd() throws Exception {
    DockerJavaScenario.run(socket, "dj-" + tag);
  }

  @Test
  void testcontainersGenericContainerStartsExecsCopiesAndStops() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Result r = exec(List.of(java, "-cp", System.getProperty("java.class.path"), TestcontainersScenario.class.getName(),
        Files.createDirectories(dir.resolve("tc-bind")).toString()),
        Map.of("DOCKER_HOST", "unix://" + socket, "TESTCONTAINERS_RYUK_DISABLED", "true",
            "HOME", dir.toString()), 240); // HOME: no user's ~/.testcontainers.properties or ~/.docker
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("OK"), r.toString());
  }

  @Test
  void cliEverydayCommandsPrintWhatDockerPrints() throws Exception {
    String d1 = "d1-" + tag;
    long since = System.currentTimeMillis() / 1000 - 1;
    ok("run", "-d", "--name", d1, "busybox", "sh", "-c",
        "trap 'echo hup' HUP; echo a; echo b; echo c; while true; do sleep 0.2; done");
    ok("run", "--name", "e0-" + tag, "busybox", "true");
    assertEquals(2, cli.docker("run", "--name", "e2-" + tag, "busybox", "sh", "-c", "exit 2").exit());
    ok("create", "--name", "c-" + tag, "busybox", "true");
    assertEquals("c-" + tag + "\n", ok("ps", "-l", "--format", "{{.Names}}"));
    assertEquals("c-" + tag + "\ne2-" + tag + "\n", ok("ps", "-a", "-n", "2", "--format", "{{.Names}}"));
    assertEquals("e2-" + tag + "\n", ok("ps", "-a", "--filter", "exited=2", "--filter", "name=" + tag, "--format", "{{.Names}}"));
    assertEquals("e0-" + tag + "\n" + d1 + "\n", ok("ps", "-a", "--filter", "before=e2-" + tag, "--format", "{{.Names}}"));
    assertEquals("c-" + tag + "\n", ok("ps", "-a", "--filter", "since=e2-" + tag, "--format", "{{.Names}}"));
    assertTrue(ok("ps", "-s", "--filter", "name=" + d1, "--format", "{{.Size}}").contains("(virtual "));
    assertEquals(65, ok("container", "ls", "--no-trunc", "-q", "--filter", "name=" + d1).length());
    assertEquals("0\n2\n", ok("wait", "e0-" + tag, "e2-" + tag));
    ok("kill", "-s", "HUP", d1);
    awaitLogs(d1, "a\nb\nc\nhup\n");
    assertEquals("c\nhup\n", ok("logs", "-n", "2", d1));
    assertTrue(ok("logs", "-t", "-n", "1", d1).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z hup\n"));
    assertEquals("a\nb\nc\nhup\n", ok("logs", "--since", "1m", d1));
    assertEquals("", ok("logs", "--until", "1h", d1));
    ok("stop", "-t", "0", d1);
    assertEquals("137\n", ok("inspect", "-f", "{{.State.ExitCode}}", d1));
    String events = ok("events", "--since", Long.toString(since), "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
        "--filter", "container=" + d1, "--filter", "event=kill", "--format", "{{.Action}} {{.Actor.Attributes.signal}}");
    assertTrue(events.startsWith("kill 1\n"), events);
    assertTrue(ok("image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", "busybox").startsWith("linux/"));
    assertEquals("linux\n", ok("info", "-f", "{{.OSType}}"));
    assertTrue(ok("version", "-f", "{{.Server.APIVersion}}").startsWith("1."));
    assertEquals(ok("images", "-q", "busybox"), ok("images", "-q", "--filter", "reference=busy*"));
    String dangling = ok("commit", "c-" + tag).strip();
    assertTrue(ok("images", "--filter", "dangling=true", "-q", "--no-trunc").contains(dangling));
    String pruned = ok("image", "prune", "-f");
    assertTrue(pruned.contains("deleted: " + dangling) && pruned.contains("Total reclaimed space:"), pruned);
    assertEquals("Total reclaimed space: 0B\n", ok("image", "prune", "-a", "-f", "--filter", "label=none-" + tag));
    assertTrue(ok("image", "ls", "-q", "busybox").length() > 0, "busybox is still there");
    DockerCli.Result rm = cli.run(null, List.of("sh", "-c", "docker rm $(docker ps -aq --filter name=" + tag + ")"));
    assertEquals(0, rm.exit(), rm.toString());
    assertEquals("", ok("ps", "-aq", "--filter", "name=" + tag));
    DockerCli.Result bad = cli.docker("ps", "--filter", "exited=x");
    assertTrue(bad.exit() != 0 && bad.err().contains("invalid filter 'exited=x'"), bad.toString());
  }

  private String ok(String... args) throws Exception {
    DockerCli.Result r = cli.docker(args);
    assertEquals(0, r.exit(), List.of(args) + ": " + r);
    return r.out();
  }

  private void awaitLogs(String name, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String logs;
    do {
      logs = ok("logs", name);
    } while (!logs.equals(expected) && System.nanoTime() < deadline && sleepBriefly());
    assertEquals(expected, logs);
  }

  private static boolean sleepBriefly() throws InterruptedException {
    Thread.sleep(100);
    return true;
  }

  record Result(int exit, String out, String err) {}

  private Result exec(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + Files.readString(out) + Files.readString(err));
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
