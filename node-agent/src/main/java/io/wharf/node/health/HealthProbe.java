package io.wharf.node.health;

import io.wharf.api.container.HealthState.HealthResult;
import io.wharf.node.runtime.CriLog;
import io.wharf.node.runtime.ExecShim;
import io.wharf.node.runtime.ExecSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs one health probe as an exec in the container ({@link ExecShim}: conmon --exec) and reports
 * its exit code and output (stdout and stderr as conmon logged them). A probe past its timeout is
 * killed and counts as a failure with Docker's message. Blocks for up to the timeout.
 */
public final class HealthProbe {
  /** Exit code recorded for a probe that timed out or could not start (Docker uses -1). */
  public static final int FAILED_TO_RUN = -1;
  /** How long a killed probe's conmon gets to write its exit file. */
  static final long REAP_MS = 5000;

  private final ExecShim exec;

  public HealthProbe(ExecShim exec) {
    this.exec = exec;
  }

  public HealthResult run(String containerId, List<String> cmd, long timeoutNanos) {
    long start = nowNanos();
    // exec dirs are keyed by the first 12 characters: a random hex id keeps probes apart
    String execId = java.util.UUID.randomUUID().toString().replace("-", "");
    try {
      Path attach = exec.prepare(containerId, execId, new ExecSpec(cmd, null, null, null, false, false, null));
      int pid = exec.release(execId);
      Optional<Integer> code = exec.awaitExit(execId, Math.max(1, timeoutNanos / 1_000_000));
      if (code.isEmpty()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        exec.awaitExit(execId, REAP_MS); // let conmon record the exit before its dir is removed
        return new HealthResult(start, nowNanos(), FAILED_TO_RUN,
            "Health check exceeded timeout (" + seconds(timeoutNanos) + ")");
      }
      return new HealthResult(start, nowNanos(), code.get(), output(attach.resolveSibling("exec.log")));
    } catch (RuntimeException e) {
      return new HealthResult(start, nowNanos(), FAILED_TO_RUN, HealthTracker.truncate(String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HealthResult(start, nowNanos(), FAILED_TO_RUN, "interrupted");
    } finally {
      try {
        exec.delete(execId);
      } catch (RuntimeException e) {
        // a leftover exec dir is removed with the container
      }
    }
  }

  /** The text of a k8s-file log, both streams in order. */
  static String output(Path log) {
    try {
      StringBuilder out = new StringBuilder();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        CriLog.Line l = CriLog.parse(bytes, 0, bytes.length);
        if (l != null) {
          out.append(new String(l.text(), StandardCharsets.UTF_8));
          if (!l.partial()) {
            out.append('\n');
          }
        }
      }
      return HealthTracker.truncate(out.toString());
    } catch (IOException e) {
      return "";
    }
  }

  private static String seconds(long nanos) {
    double s = nanos / 1e9;
    return (s == Math.floor(s) ? Long.toString((long) s) : Double.toString(s)) + "s";
  }

  static long nowNanos() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
