package io.wharf.registry.distribution;

import static io.wharf.registry.distribution.OciErrorCode.BLOB_UPLOAD_INVALID;
import static io.wharf.registry.distribution.OciErrorCode.BLOB_UPLOAD_UNKNOWN;
import static io.wharf.registry.distribution.OciErrorCode.DIGEST_INVALID;

import io.wharf.api.Json;
import io.wharf.registry.store.DurableFiles;
import io.wharf.registry.store.RegistryPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resumable blob upload sessions, durable under uploads/&lt;id&gt;/ so that a session survives a
 * restart. Lifecycle: {@link #start} (state.json + empty data) -&gt; {@link #append}* (each chunk
 * must start at the current offset, else RANGE_INVALID (416); a failed chunk is cut off again) -&gt;
 * {@link #finish} (fsync, verify size and digest, rename into blobs/) or {@link #cancel}; sessions
 * idle longer than the stale age are removed by {@link #purgeStale}. One request at a time per
 * session (a second concurrent one gets BLOB_UPLOAD_INVALID). Blocking.
 */
public final class UploadSessions {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** A session without state may be one being started right now: leave it this long. */
  private static final long BROKEN_GRACE_MILLIS = 60_000;
  private final RegistryPaths paths;
  private final LongSupplier nowMillis;
  private final long maxBlobBytes;
  private final Map<String, ReentrantLock> busy = new ConcurrentHashMap<>();
  private final Map<String, RunningDigest> digests = new ConcurrentHashMap<>();

  /** @param maxBlobBytes the largest blob accepted; 0 = no limit */
  public UploadSessions(RegistryPaths paths, LongSupplier nowMillis, long maxBlobBytes) {
    this.paths = paths;
    this.nowMillis = nowMillis;
    this.maxBlobBytes = maxBlobBytes;
  }

  public long maxBlobBytes() {
    return maxBlobBytes;
  }

  /** Opens a session for {@code repo}; returns its id. */
  public String start(String repo) {
    String id = UUID.randomUUID().toString();
    try {
      Files.createDirectories(paths.upload(id));
      Files.createFile(paths.uploadData(id));
      // not fsynced: survives a process crash; a power loss costs the client a restarted upload
      DurableFiles.writeAtomic(paths.uploadState(id), Json.bytes(new UploadState(repo, nowMillis.getAsLong())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start upload " + id, e);
    }
    return id;
  }

  /** The current offset (bytes received); BLOB_UPLOAD_UNKNOWN for a missing session or another repository's. */
  public long offset(String repo, String id) {
    requireSession(repo, id);
    return size(paths.uploadData(id));
  }

  /**
   * Appends {@code body} (to its end). {@code rangeStart}/{@code rangeEnd} come from a
   * Content-Range header (null when absent: a streamed chunk). Returns the new offset.
   */
  public long append(String repo, String id, InputStream body, Long rangeStart, Long rangeEnd) {
    return exclusive(repo, id, () -> appendLocked(id, body, rangeStart, rangeEnd));
  }

  /**
   * Appends the last chunk (may be empty), then commits the data as blob {@code digest} and ends
   * the session. DIGEST_INVALID when the bytes do not hash to {@code digest} (the session ends too).
   */
  public VerifiedUpload finish(String repo, String id, String digest, InputStream body, Long rangeStart, Long rangeEnd) {
    return exclusive(repo, id, () -> {
      appendLocked(id, body, rangeStart, rangeEnd);
      Path data = paths.uploadData(id);
      String actual = digests.computeIfAbsent(id, k -> new RunningDigest()).finish(data);
      long size = size(data);
      if (!actual.equals(digest)) {
        end(id);
        throw new DistributionException(DIGEST_INVALID, "upload " + id + ": digest " + digest
            + " does not match the " + size + " bytes received (" + actual + ")");
      }
      return new VerifiedUpload(data, actual, size, () -> end(id));
    });
  }

  /** A fully received, digest-checked upload; {@code release} ends the session after the commit. */
  public record VerifiedUpload(Path data, String digest, long size, Runnable release) {}

  public void cancel(String repo, String id) {
    exclusive(repo, id, () -> {
      end(id);
      return null;
    });
  }

  /**
   * Removes sessions not written to for {@code maxAgeMillis}, and sessions a crash left without
   * state or data (killed inside start, or after the commit); returns how many.
   */
  public int purgeStale(long maxAgeMillis) {
    if (!Files.isDirectory(paths.uploads())) {
      return 0;
    }
    long cutoff = nowMillis.getAsLong() - maxAgeMillis;
    int purged = 0;
    try (Stream<Path> dirs = Files.list(paths.uploads())) {
      for (Path dir : dirs.toList()) {
        String id = dir.getFileName().toString();
        boolean broken = state(id) == null || !Files.exists(paths.uploadData(id));
        long last = lastWrite(id);
        boolean old = last < cutoff || broken && last < nowMillis.getAsLong() - BROKEN_GRACE_MILLIS;
        if (old && !busy.containsKey(id)) {
          end(id);
          purged++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + paths.uploads(), e);
    }
    return purged;
  }

  private long appendLocked(String id, InputStream body, Long rangeStart, Long rangeEnd) {
    Path data = paths.uploadData(id);
    long offset = size(data);
    if (rangeStart != null && rangeStart != offset) {
      throw new DistributionException(OciErrorCode.RANGE_INVALID, "upload " + id + " is at offset " + offset
          + ", the chunk starts at " + rangeStart);
    }
    if (body == null) {
      return offset;
    }
    RunningDigest running = digests.computeIfAbsent(id, k -> new RunningDigest());
    long limit = maxBlobBytes > 0 ? maxBlobBytes - offset : Long.MAX_VALUE;
    long written;
    try {
      written = running.append(data, offset, new LimitedInputStream(body, limit));
    } catch (IOException | RuntimeException e) {
      running.truncate(data, offset);
      if (e instanceof DistributionException d) {
        throw d;
      }
      throw new DistributionException(BLOB_UPLOAD_INVALID, "upload " + id + ": chunk failed: " + e.getMessage());
    }
    if (rangeEnd != null && rangeEnd - rangeStart + 1 != written) {
      running.truncate(data, offset);
      throw new DistributionException(BLOB_UPLOAD_INVALID, "upload " + id + ": Content-Range says "
          + (rangeEnd - rangeStart + 1) + " bytes, the body had " + written);
    }
    return offset + written;
  }

  private <T> T exclusive(String repo, String id, Supplier<T> action) {
    requireSession(repo, id);
    ReentrantLock lock = busy.computeIfAbsent(id, k -> new ReentrantLock());
    if (!lock.tryLock()) {
      throw new DistributionException(BLOB_UPLOAD_INVALID, "upload " + id + " is busy with another request");
    }
    try {
      requireSession(repo, id);
      return action.get();
    } finally {
      lock.unlock();
      busy.remove(id, lock);
    }
  }

  private void requireSession(String repo, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new DistributionException(BLOB_UPLOAD_UNKNOWN, "upload \"" + id + "\" not found");
    }
    UploadState s = state(id);
    if (s == null || !s.repository().equals(repo)) {
      throw new DistributionException(BLOB_UPLOAD_UNKNOWN, "upload " + id + " not found in repository " + repo);
    }
  }

  private UploadState state(String id) {
    try {
      return Json.read(Files.readAllBytes(paths.uploadState(id)), UploadState.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private long lastWrite(String id) {
    try {
      long data = Files.exists(paths.uploadData(id)) ? Files.getLastModifiedTime(paths.uploadData(id)).toMillis() : 0;
      return Math.max(data, Files.getLastModifiedTime(paths.upload(id)).toMillis());
    } catch (IOException e) {
      return 0;
    }
  }

  private void end(String id) {
    digests.remove(id);
    DurableFiles.deleteTree(paths.upload(id));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new DistributionException(BLOB_UPLOAD_UNKNOWN, "upload data " + p.getParent().getFileName() + " is gone");
    }
  }
}
