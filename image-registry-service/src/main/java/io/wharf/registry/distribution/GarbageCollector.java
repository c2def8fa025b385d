package io.wharf.registry.distribution;

import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Online mark-and-sweep garbage collection; pushes and pulls continue while it runs (no read-only
 * window):
 * <ol>
 *   <li>begin: the {@link BlobGuard} starts recording every blob a writer relies on;</li>
 *   <li>mark: every Docker image's blobs, every manifest linked in any repository and everything
 *       it references;</li>
 *   <li>sweep: each unmarked blob older than the grace period (by modification time: uploads and
 *       mounts refresh it) and not touched since begin is deleted, one at a time under the guard;</li>
 *   <li>stale upload sessions are purged.</li>
 * </ol>
 * Blob links left pointing at swept blobs are harmless: reads check the file. Blocking.
 */
public final class GarbageCollector {
  /** What a run did. */
  public record Report(int marked, int swept, long bytesFreed, int uploadsPurged) {}

  private final ImageStore store;
  private final ManifestReferences references;
  private final BlobGuard guard;
  private final UploadSessions uploads;
  private final LongSupplier nowMillis;
  private final long graceMillis;
  private final long uploadMaxAgeMillis;

  public GarbageCollector(ImageStore store, ManifestReferences references, BlobGuard guard, UploadSessions uploads,
      LongSupplier nowMillis, long graceMillis, long uploadMaxAgeMillis) {
    this.store = store;
    this.references = references;
    this.guard = guard;
    this.uploads = uploads;
    this.nowMillis = nowMillis;
    this.graceMillis = graceMillis;
    this.uploadMaxAgeMillis = uploadMaxAgeMillis;
  }

  /** One full run. Only one run at a time (synchronized). */
  public synchronized Report run() {
    long cutoff = nowMillis.getAsLong() - graceMillis;
    guard.beginCollection();
    try {
      Set<String> marked = mark();
      int swept = 0;
      long freed = 0;
      for (Path blob : blobFiles()) {
        String digest = Digests.SHA256 + blob.getFileName();
        if (marked.contains(digest) || !Digests.isValid(digest) || modified(blob) > cutoff) {
          continue;
        }
        long size = size(blob);
        if (guard.sweep(digest, () -> store.blobs().delete(digest))) {
          swept++;
          freed += size;
        }
      }
      int purged = uploads.purgeStale(uploadMaxAgeMillis);
      return new Report(marked.size(), swept, freed, purged);
    } finally {
      guard.endCollection();
    }
  }

  private Set<String> mark() {
    Set<String> marked = new HashSet<>();
    for (ImageRecord r : store.images()) {
      marked.addAll(r.blobDigests());
    }
    marked.addAll(references.inUse());
    return marked;
  }

  private List<Path> blobFiles() {
    BlobStore blobs = store.blobs();
    try (Stream<Path> files = Files.list(blobs.paths().blobs())) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list blobs", e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE; // gone or unreadable: leave it
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
