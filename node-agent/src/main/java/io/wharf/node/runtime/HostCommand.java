package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived host command and captures its output. Blocks the calling thread. */
public final class HostCommand {
  private HostCommand() {}

  /** Pipe readers; not the common pool, which has one thread on a 2-core host. */
  private static final ExecutorService DRAINERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wharf-host-command-drain");
    t.setDaemon(true);
    return t;
  });

  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** @throws WharfException INTERNAL when the command cannot be started or exceeds the timeout */
  public static Result run(List<String> command, long timeoutMs) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw WharfException.internal("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    // Both pipes drain on other threads so a chatty or hung command cannot outlive the timeout.
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), DRAINERS);
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), DRAINERS);
    try {
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw WharfException.internal(String.join(" ", command) + " did not finish in " + timeoutMs + " ms", null);
      }
      return new Result(process.exitValue(), out.get(timeoutMs, TimeUnit.MILLISECONDS),
          err.get(timeoutMs, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw WharfException.internal("interrupted while running " + command.get(0), e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException | UncheckedIOException e) {
      process.destroyForcibly();
      throw WharfException.internal("cannot read the output of " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
