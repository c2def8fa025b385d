package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * conmon's sync fd pointed at a regular file ({@code sync.json}): conmon writes one JSON line,
 * {@code {"data": pid}} on success or {@code {"data": -1, "message": "..."}} when runc create
 * failed. A file never blocks and never EPIPEs, and can be re-read after an agent restart.
 */
final class SyncFile {
  private SyncFile() {}

  /** The first complete line: data and message (null when absent). */
  record Sync(int data, String message) {}

  static final long POLL_MS = 10;

  /** The first complete JSON line, if written yet. Blocks (file read). */
  static Optional<Sync> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw WharfException.internal("cannot read " + file + ": " + e.getMessage(), e);
    }
    int nl = text.indexOf('\n');
    if (nl < 0) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(text.substring(0, nl));
      JsonNode msg = n.get("message");
      return Optional.of(new Sync(n.path("data").asInt(-1), msg == null || msg.isNull() ? null : msg.asText()));
    } catch (IOException e) {
      throw WharfException.internal("conmon wrote a malformed sync line to " + file + ": " + text, e);
    }
  }

  /**
   * Polls until the first line is complete. Blocks up to {@code timeoutMs}.
   *
   * @param shimGone true once the shim is known to have died without writing (stops early)
   * @throws WharfException INTERNAL on timeout or when the shim died first
   */
  static Sync await(Path file, long timeoutMs, BooleanSupplier shimGone) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (true) {
      Optional<Sync> sync = read(file);
      if (sync.isPresent()) {
        return sync.get();
      }
      if (shimGone.getAsBoolean()) {
        Optional<Sync> late = read(file);
        if (late.isPresent()) {
          return late.get();
        }
        throw WharfException.internal("conmon exited before reporting the container's pid", null);
      }
      if (System.nanoTime() > deadline) {
        throw WharfException.internal("conmon did not report the container's pid within " + timeoutMs + " ms", null);
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WharfException.internal("interrupted while waiting for conmon", e);
      }
    }
  }
}
