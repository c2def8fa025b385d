package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code bin/wharf} process started by a test, with its output in a log file. The test owns it
 * and must {@link #stop()} it; stop sends SIGTERM to the PID and escalates to SIGKILL.
 */
final class DaemonProcess {
  private final String name;
  private final Process process;
  private final Path log;

  private DaemonProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The repository root: the launcher module's parent (tests run in the module directory). */
  static Path repoRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** Fails under CI=true, skips otherwise, when the packaged launcher is missing. */
  static void assumeLauncherBuilt() {
    boolean built = Files.isDirectory(repoRoot().resolve("launcher/target/lib"));
    String why = "launcher/target/lib is missing: run mvn verify (package comes first)";
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(built, why);
    }
    Assumptions.assumeTrue(built, why);
  }

  static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException e) {
      return false;
    }
  }

  /** A unique scratch directory under target/ for one test run. */
  static Path scratch(String prefix) throws IOException {
    Path target = repoRoot().resolve("launcher/target");
    return Files.createTempDirectory(Files.createDirectories(target), prefix);
  }

  static DaemonProcess start(String name, Path logDir, List<String> args) throws IOException {
    return start(name, logDir, args, "");
  }

  /** As {@link #start(String, Path, List)} with extra JVM flags, e.g. {@code -Dwharf.test.pauseAt=...}. */
  static DaemonProcess start(String name, Path logDir, List<String> args, String jvmFlags) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(repoRoot().resolve("bin/wharf").toString());
    command.addAll(args);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("WHARF_JAVA_OPTS", ("-Xmx256m " + jvmFlags).trim());
    return new DaemonProcess(name, pb.start(), log);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  long pid() {
    return process.pid();
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the log contains {@code text}; fails early, with the log, if the process exits. */
  void awaitLog(String text, long deadlineNanos) throws InterruptedException {
    awaitCondition("log line '" + text + "'", () -> log().contains(text), deadlineNanos);
  }

  void awaitCondition(String what, BooleanSupplier condition, long deadlineNanos)
      throws InterruptedException {
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        fail(name + " exited (" + process.exitValue() + ") before " + what + ":\n" + log());
      }
      if (System.nanoTime() > deadlineNanos) {
        fail("timed out waiting for " + what + " of " + name + ":\n" + log());
      }
      Thread.sleep(200);
    }
  }

  /** Exit code, waiting at most {@code timeout}; -1 when still running. */
  int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** SIGTERM, then SIGKILL after 20 s; returns the exit code. Safe to call twice. */
  int stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
    return process.exitValue();
  }

  static long deadline(Duration d) {
    return System.nanoTime() + d.toNanos();
  }
}
