package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code docker} CLI pointed at one Wharf gateway socket ({@code DOCKER_HOST=unix://...}).
 * Output goes to files under a scratch directory, so a process that never ends cannot block the
 * test on a full pipe. Processes started in the background are the caller's to {@link Bg#kill()}.
 */
final class ClusterDockerCli {
  static final Path BINARY = Path.of("/usr/local/bin/docker");

  private final Path socket;
  private final Path outDir;
  private int seq;

  ClusterDockerCli(Path socket, Path outDir) {
    this.socket = socket;
    this.outDir = outDir;
  }

  /** Fails under CI=true, skips otherwise, when the docker CLI is not installed. */
  static void assumeInstalled() {
    boolean present = Files.isExecutable(BINARY);
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(present, BINARY + " is missing");
    }
    Assumptions.assumeTrue(present, BINARY + " is missing");
  }

  /** What a finished command printed. */
  record Result(int exit, String out, String err) {
    Result ok() {
      assertEquals(0, exit, "docker failed: " + err + out);
      return this;
    }
  }

  /** Runs {@code docker args...} with {@code stdin} (null: none) and waits at most 60 s. */
  Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    Bg p = start(stdin, args);
    if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
      p.kill();
      throw new AssertionError("docker " + String.join(" ", args) + " did not finish in 60 s: " + p.out());
    }
    return new Result(p.process.exitValue(), p.out(), p.err());
  }

  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Starts {@code docker args...}; {@code stdin} is written and closed at once (null: none). */
  Bg start(String stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.addAll(List.of(args));
    int n = ++seq;
    Path out = outDir.resolve("docker-" + n + ".out");
    Path err = outDir.resolve("docker-" + n + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    pb.environment().put("DOCKER_CONFIG", outDir.resolve("docker-config").toString());
    Process process = pb.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    return new Bg(process, out, err);
  }

  /** A docker process the test started. */
  record Bg(Process process, Path outFile, Path errFile) {
    String out() throws IOException {
      return Files.readString(outFile);
    }

    String err() throws IOException {
      return Files.readString(errFile);
    }

    /** Exit code within {@code timeout}, or -1 if it still runs. */
    int awaitExit(Duration timeout) throws InterruptedException {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: the CLI forwards SIGTERM to attached containers instead of exiting. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
