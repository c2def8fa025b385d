package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the docker CLI against one daemon's socket, or a shell pipeline, and collects its output. */
final class ShellRunner {
  private ShellRunner() {}

  record Result(int code, String out, String err) {}

  static Result docker(String socket, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    return run(pb);
  }

  static Result sh(String script) throws IOException, InterruptedException {
    return run(new ProcessBuilder("sh", "-c", script));
  }

  /** Runs with stdin closed; fails the test after 120 s. */
  static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
    Path err = Files.createTempFile("wharf-it", ".err");
    try {
      Process p = pb.redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + pb.command());
      }
      return new Result(p.exitValue(), out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
