package io.wharf.node.runtime;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.node.NodePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches one conmon per container (conmon runs {@code runc create} and then owns the container:
 * stdio, the CRI log, the exit file, the attach socket, the ctl FIFO), and reads what it leaves
 * behind. conmon outlives the agent, so everything here also works after an agent restart.
 * Every method blocks (process launches, file reads): call from a worker thread.
 */
public final class ConmonShim {
  private static final Logger LOG = LoggerFactory.getLogger(ConmonShim.class);
  static final long SYNC_TIMEOUT_MS = 30_000;
  static final String PATH_ENV = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** The JDK closes fds above 2 for children, so sh points conmon's sync fd 3 at a regular file. */
  private static final String WRAPPER = "exec \"$0\" \"$@\" 3>\"$AGENT_SYNC_FILE\"";

  private final Path conmon;
  private final RuncCli runc;
  private final NodePaths paths;

  public ConmonShim(Path conmonBinary, RuncCli runc, NodePaths paths) {
    this.conmon = conmonBinary;
    this.runc = runc;
    this.paths = paths;
  }

  /**
   * Starts conmon, which runs {@code runc create}, and waits (30 s at most) for the container's pid.
   * {@code bundle} must hold config.json. stdin: {@code -i} when openStdin. Without
   * {@code --leave-stdin-open}, conmon closes the container's stdin as soon as any attach client
   * reaches EOF (conn_sock.c, terminate_remote_sock): that is Docker's StdinOnce for a non-tty
   * container. Docker never closes a tty's input on detach (and a closed pty input could never be
   * reopened), so the flag is passed when openStdin and (not stdinOnce, or tty).
   *
   * @throws WharfException with runc's message when create fails (INVALID_ARGUMENT for a missing or
   *     non-executable command, as Docker; INTERNAL otherwise); the container is deleted then
   */
  public CreatedProcess create(String id, Path bundle, boolean tty, boolean openStdin, boolean stdinOnce) {
    try {
      Files.createDirectories(paths.exitsDir());
      Files.createDirectories(paths.containerLog(id).getParent());
      for (String stale : List.of("sync.json", "exit", "oom", "conmon.pid", "pidfile", "runc.log", "conmon.err")) {
        Files.deleteIfExists(bundle.resolve(stale));
      }
      Files.deleteIfExists(paths.exitsDir().resolve(id));
    } catch (IOException e) {
      throw WharfException.internal("cannot prepare bundle " + bundle + ": " + e.getMessage(), e);
    }
    runWrapper(id, bundle, command(id, bundle, tty, openStdin, stdinOnce));
    SyncFile.Sync sync;
    try {
      sync = SyncFile.await(bundle.resolve("sync.json"), SYNC_TIMEOUT_MS,
          () -> conmonPid(bundle).map(pid -> !isAlive(pid)).orElse(false));
    } catch (WharfException e) {
      deleteQuietly(id); // a half-created container must not outlive the failed call
      throw e;
    }
    if (sync.data() < 0) {
      String message = failureText(bundle, sync.message());
      deleteQuietly(id);
      throw new WharfException(categoryOf(message), "OCI runtime create failed: " + message);
    }
    return new CreatedProcess(sync.data(), conmonPid(bundle).orElse(-1));
  }

  /** Best effort: the caller reports the original failure, not a cleanup one. */
  private void deleteQuietly(String id) {
    try {
      runc.delete(id, true);
    } catch (WharfException e) {
      LOG.warn("cannot delete half-created container {}: {}", id, e.getMessage());
    }
  }

  List<String> command(String id, Path bundle, boolean tty, boolean openStdin, boolean stdinOnce) {
    String b = bundle.toString();
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, conmon.toString(),
        "--api-version", "1", "-c", id, "-u", id, "-r", runc.binary().toString(), "-b", b,
        "-p", b + "/pidfile", "-n", id, "--exit-dir", paths.exitsDir().toString(), "--persist-dir", b,
        "--full-attach", "-l", "k8s-file:" + paths.containerLog(id), "--log-level", "info",
        "--conmon-pidfile", b + "/conmon.pid"));
    if (openStdin) {
      cmd.add("-i");
      if (!stdinOnce || tty) {
        cmd.add("--leave-stdin-open");
      }
    }
    if (tty) {
      cmd.add("-t");
    }
    for (String arg : List.of("--root", runc.stateRoot().toString(), "--log-format=json", "--log", b + "/runc.log")) {
      cmd.add("--runtime-arg");
      cmd.add(arg);
    }
    return cmd;
  }

  private void runWrapper(String id, Path bundle, List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(bundle.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(bundle.resolve("conmon.err").toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", PATH_ENV);
    env.put("_OCI_SYNCPIPE", "3");
    env.put("AGENT_SYNC_FILE", bundle.resolve("sync.json").toString());
    try {
      Process p = pb.start();
      // conmon forks at once; the parent exits after writing conmon.pid.
      if (!p.waitFor(SYNC_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw WharfException.internal("conmon for " + id + " did not daemonize", null);
      }
      if (p.exitValue() != 0) {
        throw WharfException.internal("conmon for " + id + " failed (exit " + p.exitValue() + "): "
            + readOr(bundle.resolve("conmon.err"), "").strip(), null);
      }
    } catch (IOException e) {
      throw WharfException.internal("cannot start " + conmon + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WharfException.internal("interrupted while starting conmon for " + id, e);
    }
  }

  /** runc's own words: the sync message, or the last error in runc.log when conmon gave none. */
  private static String failureText(Path bundle, String syncMessage) {
    if (syncMessage != null && !syncMessage.isBlank()) {
      return syncMessage.strip();
    }
    String log = RuncLog.lastError(readOr(bundle.resolve("runc.log"), ""));
    return log != null ? log : "runc create failed (no message)";
  }

  static ErrorCategory categoryOf(String runcMessage) {
    String m = runcMessage.toLowerCase(java.util.Locale.ROOT);
    boolean badCommand = m.contains("executable file not found") || m.contains("no such file or directory")
        || m.contains("permission denied") || m.contains("not a directory");
    return badCommand ? ErrorCategory.INVALID_ARGUMENT : ErrorCategory.INTERNAL;
  }

  /** The exit code conmon recorded. @throws WharfException NOT_FOUND when there is none yet */
  public int readExitCode(String id) {
    return exitCode(id).orElseThrow(() -> WharfException.notFound("no exit code recorded for container " + id));
  }

  /** The exit code conmon recorded (128+signal when killed), if the container has exited. */
  public Optional<Integer> exitCode(String id) {
    return ExitFiles.read(paths.exitsDir().resolve(id));
  }

  /** Whether conmon saw an OOM kill in the container's last run (the {@code oom} file). */
  public boolean oomKilled(String id) {
    return Files.exists(paths.bundle(id).resolve("oom"));
  }

  /** Whether the container's conmon is alive: its pid file names a live process whose command line has {@code -c id}. */
  public boolean isShimAlive(String id) {
    Optional<Integer> pid = conmonPid(paths.bundle(id));
    if (pid.isEmpty()) {
      return false;
    }
    try {
      String[] args = Files.readString(Path.of("/proc", pid.get().toString(), "cmdline"),
          StandardCharsets.UTF_8).split("\0");
      for (int i = 0; i + 1 < args.length; i++) {
        if (args[i].equals("-c") && args[i + 1].equals(id)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** The conmon pid from the bundle's conmon.pid, if written. */
  public Optional<Integer> conmonPid(Path bundle) {
    String text = readOr(bundle.resolve("conmon.pid"), "").strip();
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Resizes the container's pty. @throws WharfException FAILED_PRECONDITION when the shim is gone */
  public void resize(String id, int rows, int cols) {
    if (rows <= 0 || cols <= 0) {
      throw WharfException.invalid("invalid size " + rows + "x" + cols);
    }
    CtlFifo.send(paths.ctlFifo(id), id, "1 " + rows + " " + cols);
  }

  /** Makes conmon reopen the log file (after the agent renamed it for rotation). */
  public void reopenLog(String id) {
    CtlFifo.send(paths.ctlFifo(id), id, "2 0 0");
  }

  private static boolean isAlive(int pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String readOr(Path file, String fallback) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return fallback;
    } catch (IOException e) {
      return fallback;
    }
  }
}
