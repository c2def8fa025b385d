package io.wharf.registry.distribution;

import static io.wharf.registry.distribution.OciErrorCode.BLOB_UNKNOWN;
import static io.wharf.registry.distribution.OciErrorCode.DIGEST_INVALID;

import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.Descriptor;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Blobs as the /v2 API sees them: a blob is readable in a repository when it is linked there and
 * its file exists. Uploads end here: the verified data is renamed into blobs/ and linked, inside
 * {@link BlobGuard#referencing} so that a concurrent garbage collection cannot take it away.
 * Blocking.
 */
public final class BlobService {
  private final BlobStore blobs;
  private final Repositories repos;
  private final BlobGuard guard;
  private final UploadSessions uploads;
  private final boolean deleteEnabled;

  public BlobService(BlobStore blobs, Repositories repos, BlobGuard guard, UploadSessions uploads,
      boolean deleteEnabled) {
    this.blobs = blobs;
    this.repos = repos;
    this.guard = guard;
    this.uploads = uploads;
    this.deleteEnabled = deleteEnabled;
  }

  public UploadSessions uploads() {
    return uploads;
  }

  /** The file of a blob readable in {@code repo}; BLOB_UNKNOWN otherwise, DIGEST_INVALID when malformed. */
  public Path file(String repo, String digest) {
    requireDigest(digest);
    Path p = blobs.paths().blob(digest);
    if (!repos.hasBlob(repo, digest) || !Files.isRegularFile(p)) {
      throw new DistributionException(BLOB_UNKNOWN, "blob " + digest + " unknown to repository " + repo,
          Map.of("digest", digest));
    }
    guard.touch(digest);
    return p;
  }

  /** True when the blob's bytes are in the store at all (in any repository). */
  public boolean stored(String digest) {
    return blobs.has(digest);
  }

  /** Removes the blob from {@code repo} (its bytes go at the next garbage collection). */
  public void delete(String repo, String digest) {
    if (!deleteEnabled) {
      throw DistributionException.of(OciErrorCode.UNSUPPORTED, "deletes are disabled in this registry");
    }
    requireDigest(digest);
    if (!repos.unlinkBlob(repo, digest)) {
      throw new DistributionException(BLOB_UNKNOWN, "blob " + digest + " unknown to repository " + repo);
    }
  }

  /**
   * Links an existing blob into {@code repo} (cross-repository mount). {@code from} null = an
   * automatic mount of any stored blob. Returns false when there is nothing to mount.
   */
  public boolean mount(String repo, String digest, String from) {
    requireDigest(digest);
    return guard.referencing(() -> {
      boolean available = from == null ? blobs.has(digest) : repos.hasBlob(from, digest) && blobs.has(digest);
      if (!available) {
        return false;
      }
      keepFresh(digest);
      repos.linkBlob(repo, digest);
      return true;
    });
  }

  /** A whole blob in one request (POST ?digest=): staged in tmp/, verified, committed, linked. */
  public Descriptor putMonolithic(String repo, String digest, InputStream body) {
    requireDigest(digest);
    StagedBlob staged;
    try {
      staged = blobs.stage(new LimitedInputStream(body, limit()));
    } catch (IOException e) {
      throw new DistributionException(OciErrorCode.BLOB_UPLOAD_INVALID, "cannot receive blob " + digest + ": " + e.getMessage());
    }
    if (!staged.digest().equals(digest)) {
      deleteQuietly(staged.file());
      throw new DistributionException(DIGEST_INVALID, "digest " + digest + " does not match the "
          + staged.size() + " bytes received (" + staged.digest() + ")", Map.of("digest", digest));
    }
    return commit(repo, staged);
  }

  /** Ends an upload session: verified data into blobs/, linked into {@code repo}. */
  public Descriptor finishUpload(String repo, String id, String digest, InputStream body, Long start, Long end) {
    requireDigest(digest);
    UploadSessions.VerifiedUpload v = uploads.finish(repo, id, digest, body, start, end);
    try {
      return commit(repo, new StagedBlob(v.data(), v.digest(), v.size()));
    } finally {
      v.release().run();
    }
  }

  private Descriptor commit(String repo, StagedBlob staged) {
    return guard.referencing(() -> {
      try {
        Descriptor d = blobs.commit(staged, staged.digest());
        keepFresh(d.digest());
        repos.linkBlob(repo, d.digest());
        return d;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot commit blob " + staged.digest(), e);
      }
    });
  }

  /** Marks a blob as just used: the collector's grace period then protects it, and so does the guard. */
  private void keepFresh(String digest) {
    guard.touch(digest);
    try {
      Files.setLastModifiedTime(blobs.paths().blob(digest), FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException ignored) {
      // gone meanwhile: the caller's link then points at nothing and reads answer BLOB_UNKNOWN
    }
  }

  private long limit() {
    return uploads.maxBlobBytes() > 0 ? uploads.maxBlobBytes() : Long.MAX_VALUE;
  }

  static void requireDigest(String digest) {
    if (!Digests.isValid(digest)) {
      throw new DistributionException(DIGEST_INVALID, "invalid digest \"" + digest + "\": only sha256:<64 hex> is supported");
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // tmp/ is emptied at the next start
    }
  }
}
