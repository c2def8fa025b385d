package io.wharf.registry.distribution;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Flushes large upload files to disk in the background while they are still arriving, so that
 * the fsync that must precede the final rename has little left to do (uploads, and blobs staged
 * by {@code BlobStore}, e.g. layers a docker pull downloads). Best effort: a failed or
 * skipped flush only moves the work to that final fsync. One daemon thread; requests for a file
 * already queued are coalesced.
 */
public final class FlushBehind {
  public static final long EVERY_BYTES = 16L * 1024 * 1024;
  private static final ExecutorService FLUSHER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "wharf-upload-flush");
    t.setDaemon(true);
    return t;
  });
  private static final Set<Path> QUEUED = ConcurrentHashMap.newKeySet();

  private FlushBehind() {}

  public static void request(Path file) {
    if (QUEUED.add(file)) {
      FLUSHER.execute(() -> {
        QUEUED.remove(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.force(false);
        } catch (IOException ignored) {
          // gone (finished or cancelled) or unflushable: the final fsync decides
        }
      });
    }
  }
}
