package io.wharf.registry.distribution;

import static io.wharf.registry.distribution.OciErrorCode.MANIFEST_BLOB_UNKNOWN;
import static io.wharf.registry.distribution.OciErrorCode.MANIFEST_UNKNOWN;

import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Manifests by tag or digest: put (validate, check every referenced blob, store the exact bytes,
 * link, index the subject, tag), get and delete, keeping the Docker face in step through
 * {@link ImageFace}. Mutations run under the image store lock (one writer for both faces) and
 * inside {@link BlobGuard#referencing}. Blocking.
 */
public final class ManifestService {
  private final ImageStore store;
  private final Repositories repos;
  private final BlobGuard guard;
  private final ManifestReferences references;
  private final ImageFace face;
  private final boolean deleteEnabled;
  /** Manifest bytes by digest: immutable, so caching needs no invalidation (a deleted one is unlinked first). */
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
  private final AtomicLong cachedBytes = new AtomicLong();
  private static final long CACHE_LIMIT_BYTES = 64L * 1024 * 1024;

  public ManifestService(ImageStore store, Repositories repos, BlobGuard guard, ManifestReferences references,
      ImageFace face, boolean deleteEnabled) {
    this.store = store;
    this.repos = repos;
    this.guard = guard;
    this.references = references;
    this.face = face;
    this.deleteEnabled = deleteEnabled;
  }

  /** What a put stored: the digest, and the subject's digest when the manifest has one. */
  public record PutResult(String digest, String subject) {}

  public PutResult put(String repo, String reference, byte[] bytes, String contentType) {
    return put(repo, reference, bytes, contentType, true);
  }

  /**
   * @param requireBlobs false for the pull-through cache: an upstream manifest is stored before
   *     its blobs, which are fetched when first read
   */
  public PutResult put(String repo, String reference, byte[] bytes, String contentType, boolean requireBlobs) {
    boolean byDigest = reference.startsWith(Digests.SHA256) || reference.contains(":");
    if (!byDigest) {
      RepositoryName.requireTag(reference);
    }
    ParsedManifest m = ManifestParser.parse(bytes, contentType);
    if (byDigest && !m.digest().equals(reference)) {
      throw new DistributionException(OciErrorCode.DIGEST_INVALID, "manifest digest " + m.digest()
          + " does not match the reference " + reference, Map.of("digest", reference));
    }
    return store.withLock(() -> guard.referencing(() -> {
      if (requireBlobs) {
        checkReferences(repo, m);
      }
      storeBytes(m);
      m.blobDigests().forEach(d -> repos.linkBlob(repo, d));
      repos.linkManifest(repo, m.digest(), m.mediaType());
      references.remember(m);
      if (m.subject() != null) {
        repos.addReferrer(repo, m.subject().digest(), m.digest(), m.referrerDescriptor());
      }
      face.manifestPut(repo, m);
      if (!byDigest) {
        face.tagMoving(repo, reference, m);
        repos.setTag(repo, reference, m.digest());
      }
      return new PutResult(m.digest(), m.subject() == null ? null : m.subject().digest());
    }));
  }

  /** The tags of {@code repo} (empty when it has none), for {@code docker pull --all-tags} of this registry. */
  public java.util.List<String> tags(String repo) {
    return repos.tags(repo);
  }

  /** MANIFEST_UNKNOWN when the tag or digest is not in {@code repo}. */
  public StoredManifest get(String repo, String reference) {
    String digest = resolve(repo, reference);
    String type = repos.manifestType(repo, digest);
    if (type == null) {
      throw unknown(repo, reference);
    }
    byte[] bytes = cache.get(digest);
    if (bytes == null) {
      if (!store.blobs().has(digest)) {
        throw unknown(repo, reference);
      }
      try {
        bytes = store.blobs().read(digest);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read manifest " + digest, e);
      }
      remember(digest, bytes);
    }
    return new StoredManifest(bytes, digest, type);
  }

  /** The digest a tag or digest reference names in {@code repo}; MANIFEST_UNKNOWN when none. */
  public String resolve(String repo, String reference) {
    if (reference.startsWith(Digests.SHA256) || reference.contains(":")) {
      BlobService.requireDigest(reference);
      return reference;
    }
    RepositoryName.requireTag(reference);
    String digest = repos.tag(repo, reference);
    if (digest == null) {
      throw unknown(repo, reference);
    }
    return digest;
  }

  /** By tag: removes the tag. By digest: removes the manifest, every tag on it and its referrer entry. */
  public void delete(String repo, String reference) {
    if (!deleteEnabled) {
      throw DistributionException.of(OciErrorCode.UNSUPPORTED, "deletes are disabled in this registry");
    }
    store.withLock(() -> {
      if (!reference.startsWith(Digests.SHA256) && !reference.contains(":")) {
        RepositoryName.requireTag(reference);
        if (!repos.removeTag(repo, reference)) {
          throw unknown(repo, reference);
        }
        face.tagRemoved(repo, reference);
        return null;
      }
      BlobService.requireDigest(reference);
      if (repos.manifestType(repo, reference) == null) {
        throw unknown(repo, reference);
      }
      for (String tag : repos.tagsOf(repo, reference)) {
        repos.removeTag(repo, tag);
        face.tagRemoved(repo, tag);
      }
      unindexSubject(repo, reference);
      repos.unlinkManifest(repo, reference);
      face.manifestDeleted(reference);
      return null;
    });
  }

  private void remember(String digest, byte[] bytes) {
    if (cachedBytes.addAndGet(bytes.length) > CACHE_LIMIT_BYTES) {
      cache.clear();
      cachedBytes.set(bytes.length);
    }
    cache.put(digest, bytes);
  }

  private void checkReferences(String repo, ParsedManifest m) {
    BlobStore blobs = store.blobs();
    for (String d : m.blobDigests()) {
      if (!blobs.has(d)) {
        throw new DistributionException(MANIFEST_BLOB_UNKNOWN, "blob " + d + " unknown to registry",
            Map.of("digest", d));
      }
      guard.touch(d);
    }
    for (ManifestDescriptor child : m.children()) {
      if (repos.manifestType(repo, child.digest()) == null || !blobs.has(child.digest())) {
        throw new DistributionException(MANIFEST_BLOB_UNKNOWN, "manifest " + child.digest()
            + " unknown to repository " + repo, Map.of("digest", child.digest()));
      }
      guard.touch(child.digest());
    }
  }

  private void storeBytes(ParsedManifest m) {
    try {
      store.blobs().put(m.bytes());
      guard.touch(m.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store manifest " + m.digest(), e);
    }
  }

  private void unindexSubject(String repo, String digest) {
    try {
      ParsedManifest m = ManifestParser.parse(store.blobs().read(digest), null);
      if (m.subject() != null) {
        repos.removeReferrer(repo, m.subject().digest(), digest);
      }
    } catch (IOException | RuntimeException e) {
      // unreadable: it was never indexed as a referrer
    }
  }

  private static DistributionException unknown(String repo, String reference) {
    return new DistributionException(MANIFEST_UNKNOWN, "manifest " + reference + " unknown to repository " + repo,
        Map.of("name", repo, "reference", reference));
  }
}
