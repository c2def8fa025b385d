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
 * prints "OK" and exits 0, or throws. Argument: a host directory for a bind mount.
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
    oneShotWithBindTmpfsAndWorkdir(args[0]);
    System.out.println("OK");
  }

  /** A run-to-completion container (OneShotStartupCheckStrategy) with a read-only bind, a tmpfs and a workdir. */
  private static void oneShotWithBindTmpfsAndWorkdir(String hostDir) throws Exception {
    java.nio.file.Files.writeString(java.nio.file.Path.of(hostDir, "bound.txt"), "bound\n");
    try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("busybox:latest"))
        .withCommand("sh", "-c", "cat bound.txt; pwd; mount | grep -c ' /scratch type tmpfs'")
        .withFileSystemBind(hostDir, "/mnt/host", org.testcontainers.containers.BindMode.READ_ONLY)
        .withTmpFs(java.util.Map.of("/scratch", "rw"))
        .withWorkingDirectory("/mnt/host")
        .withLabel("org.example.scenario", "oneshot")
        .withStartupCheckStrategy(new org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy()
            .withTimeout(Duration.ofSeconds(60)))) {
      c.start();
      require(c.getLogs().equals("bound\n/mnt/host\n1\n"), "one-shot logs: " + c.getLogs());
    }
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
