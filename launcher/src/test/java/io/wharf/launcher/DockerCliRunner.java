package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * The real docker CLI pointed at one daemon's socket ({@code DOCKER_HOST=unix://...}), with a
 * private {@code DOCKER_CONFIG}. Output goes to files (no pipe can fill up); a command that outlives
 * its timeout is SIGKILLed (SIGTERM would be proxied to the container by run/attach).
 */
final class DockerCliRunner {
  /** The CLI: /usr/local/bin/docker (a current static build) when present, else Debian's. */
  static final Path DOCKER = Files.isExecutable(Path.of("/usr/local/bin/docker"))
      ? Path.of("/usr/local/bin/docker") : Path.of("/usr/bin/docker");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final Path socket;
  private final Path work;

  DockerCliRunner(Path socket, Path work) throws IOException {
    this.socket = socket;
    this.work = Files.createDirectories(work);
  }

  /** Fails under CI=true, skips otherwise, when the docker CLI is missing. */
  static void assumeInstalled() {
    boolean present = Files.isExecutable(DOCKER);
    String why = DOCKER + " is missing (scripts/install-deps.sh --test installs it)";
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(present, why);
    }
    Assumptions.assumeTrue(present, why);
  }

  /** What one docker command printed and how it ended; exit -1 when it was killed at its timeout. */
  record Result(List<String> args, int exit, String out, String err) {
    String describe() {
      return "docker " + String.join(" ", args) + " -> exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }

    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  /** A docker command left running (logs -f, attach ...); its output so far is readable. */
  final class Running {
    final Process process;
    final Path out;
    final Path err;

    Running(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    String out() {
      return read(out);
    }

    /** Polls until the output so far satisfies {@code done}; fails with the output otherwise. */
    String awaitOut(String what, Predicate<String> done, Duration timeout) throws InterruptedException {
      long deadline = DaemonProcess.deadline(timeout);
      while (!done.test(out())) {
        if (System.nanoTime() > deadline) {
          fail("timed out waiting for " + what + "; stdout so far: " + out() + "\nstderr: " + read(err));
        }
        Thread.sleep(100);
      }
      return out();
    }

    /** Exit code, or -1 after killing it when it does not end in time. */
    int awaitExit(Duration timeout) throws InterruptedException {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
      kill();
      return -1;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  Result run(String... args) throws Exception {
    return run(DEFAULT_TIMEOUT, null, args);
  }

  /** Runs to completion with {@code stdin} (null: no input, stdin at EOF). */
  Result run(Duration timeout, String stdin, String... args) throws Exception {
    Running r = start(stdin, args);
    int exit = r.awaitExit(timeout);
    return new Result(List.of(args), exit, read(r.out), read(r.err));
  }

  /** Runs and asserts exit 0. */
  Result ok(String... args) throws Exception {
    Result r = run(args);
    assertEquals(0, r.exit(), r.describe());
    return r;
  }

  /** Starts a command without waiting; stdin is the given text (then EOF) or at EOF when null. */
  Running start(String stdin, String... args) throws IOException {
    int n = SEQ.incrementAndGet();
    Path in = work.resolve(n + ".in");
    Files.writeString(in, stdin == null ? "" : stdin);
    List<String> command = new ArrayList<>(List.of(DOCKER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(in.toFile())
        .redirectOutput(work.resolve(n + ".out").toFile())
        .redirectError(work.resolve(n + ".err").toFile());
    environment(pb);
    return new Running(pb.start(), work.resolve(n + ".out"), work.resolve(n + ".err"));
  }

  /** The environment a user's shell would give docker: DOCKER_HOST at our socket. */
  void environment(ProcessBuilder pb) {
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    pb.environment().put("DOCKER_CONFIG", work.resolve("config").toString());
    pb.environment().remove("DOCKER_CONTEXT");
  }

  String dockerHost() {
    return "unix://" + socket;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
