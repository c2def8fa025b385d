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
 * and a Testcontainers GenericContainer. Root only: real runc, conmon and overlayfs; python3-docker
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
    Result r = exec(List.of(java, "-cp", System.getProperty("java.class.path"), TestcontainersScenario.class.getName()),
        Map.of("DOCKER_HOST", "unix://" + socket, "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_CHECKS_DISABLE", "true",
            "HOME", dir.toString()), 240); // HOME: no user's ~/.testcontainers.properties or ~/.docker
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("OK"), r.toString());
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
