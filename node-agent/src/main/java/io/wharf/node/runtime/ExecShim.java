package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.node.NodePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code docker exec} through {@code conmon --exec --exec-attach}, one conmon per exec with its
 * own dir ({@link NodePaths#execDir}: process.json, attach socket, ctl FIFO, exec.log, exit).
 * Two steps so that no output is lost: {@link #prepare} starts conmon and returns once the exec's
 * attach socket accepts clients; the caller connects, then {@link #release} runs the process.
 * The JDK cannot pass fds above 2, so sh points conmon's sync and attach-ready fds at files and
 * its start fd at a FIFO opened read-write (which never blocks). Every method blocks.
 */
public final class ExecShim {
  static final long TIMEOUT_MS = 30_000;
  private static final String WRAPPER =
      "exec \"$0\" \"$@\" 3>\"$AGENT_SYNC_FILE\" 4<>\"$AGENT_START_FIFO\" 5>\"$AGENT_ATTACH_FILE\"";

  private final Path conmon;
  private final RuncCli runc;
  private final NodePaths paths;

  public ExecShim(Path conmonBinary, RuncCli runc, NodePaths paths) {
    this.conmon = conmonBinary;
    this.runc = runc;
    this.paths = paths;
  }

  /**
   * Writes process.json from the container's config.json and starts conmon, waiting until the
   * exec's attach socket is ready. Returns the socket's path; call {@link #release} next.
   *
   * @throws WharfException INVALID_ARGUMENT for an empty command, INTERNAL when conmon fails
   */
  public Path prepare(String containerId, String execId, ExecSpec spec) {
    Path dir = paths.execDir(execId);
    try {
      deleteDir(dir);
      Files.createDirectories(dir);
      ObjectNode config = (ObjectNode) Json.MAPPER.readTree(paths.bundle(containerId).resolve("config.json").toFile());
      ObjectNode process = ExecProcessSpec.build((ObjectNode) config.path("process"), spec);
      Files.write(dir.resolve("process.json"), Json.MAPPER.writeValueAsBytes(process));
    } catch (IOException | ClassCastException e) {
      throw WharfException.internal("cannot prepare exec " + execId + " in " + containerId + ": " + e.getMessage(), e);
    }
    CtlFifo.create(dir.resolve("start"));
    Process wrapper = launch(command(containerId, execId, spec), dir);
    writeStartByte(dir, execId, wrapper);
    awaitWrapper(wrapper, dir, execId);
    SyncFile.Sync ready = awaitFirst(dir.resolve("attach.json"), dir.resolve("sync.json"), execId);
    if (ready.data() < 0) {
      throw failure(dir, execId, ready.message());
    }
    return dir.resolve("attach");
  }

  /** Lets the prepared exec run. Returns its pid. @throws WharfException with runc's message */
  public int release(String execId) {
    Path dir = paths.execDir(execId);
    CtlFifo.write(dir.resolve("start"), execId, new byte[] {0});
    SyncFile.Sync sync = SyncFile.await(dir.resolve("sync.json"), TIMEOUT_MS, () -> false);
    if (sync.data() < 0) {
      throw failure(dir, execId, sync.message());
    }
    return sync.data();
  }

  /** The exec's exit code, once it has exited. */
  public Optional<Integer> exitCode(String execId) {
    return ExitFiles.read(paths.execDir(execId).resolve("exit"));
  }

  /** Polls for the exit code up to {@code timeoutMs}. */
  public Optional<Integer> awaitExit(String execId, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    Optional<Integer> code = exitCode(execId);
    while (code.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      code = exitCode(execId);
    }
    return code;
  }

  /** Resizes the exec's pty. @throws WharfException FAILED_PRECONDITION when it has exited */
  public void resize(String execId, int rows, int cols) {
    CtlFifo.send(paths.execDir(execId).resolve("ctl"), execId, "1 " + rows + " " + cols);
  }

  /** Removes the exec's dir (its files only; nothing is mounted there). Idempotent. */
  public void delete(String execId) {
    try {
      deleteDir(paths.execDir(execId));
    } catch (IOException e) {
      throw WharfException.internal("cannot remove exec " + execId + ": " + e.getMessage(), e);
    }
  }

  List<String> command(String containerId, String execId, ExecSpec spec) {
    String d = paths.execDir(execId).toString();
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, conmon.toString(),
        "--api-version", "1", "--exec", "--exec-process-spec", d + "/process.json", "-c", containerId,
        "-u", execId, "-r", runc.binary().toString(), "-b", d, "-p", d + "/pidfile",
        "--exit-dir", d, "--persist-dir", d, "--full-attach", "-l", "k8s-file:" + d + "/exec.log",
        "--log-level", "info", "--conmon-pidfile", d + "/conmon.pid", "--exec-attach"));
    if (spec.attachStdin()) {
      cmd.add("-i");
    }
    if (spec.tty()) {
      cmd.add("-t");
    }
    for (String arg : List.of("--root", runc.stateRoot().toString(), "--log-format=json", "--log", d + "/runc.log")) {
      cmd.add("--runtime-arg");
      cmd.add(arg);
    }
    return cmd;
  }

  private Process launch(List<String> cmd, Path dir) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("conmon.err").toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", ConmonShim.PATH_ENV);
    env.put("_OCI_SYNCPIPE", "3");
    env.put("_OCI_STARTPIPE", "4");
    env.put("_OCI_ATTACHPIPE", "5");
    env.put("AGENT_SYNC_FILE", dir.resolve("sync.json").toString());
    env.put("AGENT_START_FIFO", dir.resolve("start").toString());
    env.put("AGENT_ATTACH_FILE", dir.resolve("attach.json").toString());
    try {
      return pb.start();
    } catch (IOException e) {
      throw WharfException.internal("cannot start " + conmon + ": " + e.getMessage(), e);
    }
  }

  /** conmon reads one byte before it forks; sh may not have opened the FIFO yet, so retry. */
  private static void writeStartByte(Path dir, String execId, Process wrapper) {
    long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
    while (true) {
      try {
        CtlFifo.write(dir.resolve("start"), execId, new byte[] {0});
        return;
      } catch (WharfException e) {
        if (e.category() != ErrorCategory.FAILED_PRECONDITION || !wrapper.isAlive() || System.nanoTime() > deadline) {
          throw WharfException.internal("conmon for exec " + execId + " did not start: " + readOr(dir.resolve("conmon.err")), e);
        }
        sleep(5);
      }
    }
  }

  private static void awaitWrapper(Process wrapper, Path dir, String execId) {
    try {
      if (!wrapper.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        wrapper.destroyForcibly();
        throw WharfException.internal("conmon for exec " + execId + " did not daemonize", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WharfException.internal("interrupted while starting exec " + execId, e);
    }
    if (wrapper.exitValue() != 0) {
      throw WharfException.internal("conmon for exec " + execId + " failed: " + readOr(dir.resolve("conmon.err")), null);
    }
  }

  /** The first line of {@code attachReady}, or a failure line in {@code sync} if that comes first. */
  private static SyncFile.Sync awaitFirst(Path attachReady, Path sync, String execId) {
    long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
    while (System.nanoTime() < deadline) {
      Optional<SyncFile.Sync> s = SyncFile.read(attachReady).or(() -> SyncFile.read(sync));
      if (s.isPresent()) {
        return s.get();
      }
      sleep(5);
    }
    throw WharfException.internal("exec " + execId + ": conmon did not open the attach socket in time", null);
  }

  private static WharfException failure(Path dir, String execId, String message) {
    String text = message != null && !message.isBlank() ? message.strip()
        : Optional.ofNullable(RuncLog.lastError(readOr(dir.resolve("runc.log")))).orElse("exec " + execId + " failed");
    return new WharfException(ConmonShim.categoryOf(text), "OCI runtime exec failed: " + text);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WharfException.internal("interrupted", e);
    }
  }

  private static String readOr(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Deletes the dir and its files. conmon writes its exit-dir file ({@code <container id>}) just
   * after the {@code exit} file the exec's end is read from, so a file may appear while the dir is
   * being emptied (it left one dir per ~100 execs in the soak): then it is emptied again.
   */
  private static void deleteDir(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path p : (Iterable<Path>) entries::iterator) {
          Files.deleteIfExists(p);
        }
      }
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        if (attempt >= 20) {
          throw e;
        }
        sleepQuietly(5);
      }
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
