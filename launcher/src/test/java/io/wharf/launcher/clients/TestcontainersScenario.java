package io.wharf.launcher.clients;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers GenericContainer on busybox, as a test suite uses one. Runs in its own JVM
 * (Testcontainers reads DOCKER_HOST and TESTCONTAINERS_RYUK_DISABLED from the environment only):
 * prints "OK" and exits 0, or throws.
 */
public final class TestcontainersScenario {
  private TestcontainersScenario() {}

  public static void main(String[] args) throws Exception {
    try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("busybox:latest"))
        .withCommand("sh", "-c", "echo ready; sleep 30")
        .withEnv("GREETING", "hi")
        .waitingFor(Wait.forLogMessage(".*ready.*\\n", 1))
        .withStartupTimeout(Duration.ofSeconds(60))) {
      c.start();
      require(c.isRunning(), "running");
      ExecResult r = c.execInContainer("sh", "-c", "echo $GREETING; echo err >&2; exit 2");
      require(r.getExitCode() == 2 && r.getStdout().equals("hi\n") && r.getStderr().equals("err\n"), "exec " + r);
      c.copyFileToContainer(Transferable.of("copied\n"), "/tmp/tc/file.txt");
      r = c.execInContainer("cat", "/tmp/tc/file.txt");
      require(r.getStdout().equals("copied\n"), "copy in: " + r);
      String back = c.copyFileFromContainer("/tmp/tc/file.txt",
          in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
      require(back.equals("copied\n"), "copy out: " + back);
      require(c.getLogs().contains("ready"), "logs: " + c.getLogs());
      require(c.getContainerInfo().getState().getRunning(), "inspect");
      c.stop();
    }
    System.out.println("OK");
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
