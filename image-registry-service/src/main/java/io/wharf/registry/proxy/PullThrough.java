package io.wharf.registry.proxy;

import io.wharf.registry.distribution.BlobService;
import io.wharf.registry.distribution.ManifestService;
import io.wharf.registry.distribution.Repositories;
import io.wharf.registry.store.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The pull-through cache over one or more upstreams. Before a read of a repository an upstream
 * serves: a tag is revalidated upstream once its copy is older than the upstream's tag TTL (an
 * unreachable upstream leaves the cached copy in service); a digest or blob missing locally is
 * fetched, verified and stored. Pushes to such repositories stay local. Blocking.
 */
public final class PullThrough {
  private final List<UpstreamClient> clients;
  private final ManifestService manifests;
  private final BlobService blobs;
  private final Repositories repos;
  private final LongSupplier nowMillis;
  private final Map<String, Long> tagFetched = new ConcurrentHashMap<>();

  public PullThrough(List<Upstream> upstreams, ManifestService manifests, BlobService blobs, Repositories repos,
      LongSupplier nowMillis) {
    this.clients = upstreams.stream().map(UpstreamClient::new).toList();
    this.manifests = manifests;
    this.blobs = blobs;
    this.repos = repos;
    this.nowMillis = nowMillis;
  }

  public boolean serves(String repo) {
    return client(repo) != null;
  }

  /** Makes manifest {@code reference} of {@code repo} present locally if an upstream has it. */
  public void beforeManifestRead(String repo, String reference) {
    UpstreamClient c = client(repo);
    if (c == null) {
      return;
    }
    boolean byDigest = reference.contains(":");
    if (byDigest && repos.manifestType(repo, reference) != null) {
      return;
    }
    String key = repo + ":" + reference;
    Long fetched = tagFetched.get(key);
    if (!byDigest && fetched != null && nowMillis.getAsLong() - fetched < c.upstream().tagTtlSeconds() * 1000) {
      return;
    }
    try {
      UpstreamClient.Fetched f = c.manifest(c.upstream().remoteName(repo), reference);
      if (f != null) {
        manifests.put(repo, reference, f.bytes(), f.contentType(), false);
        tagFetched.put(key, nowMillis.getAsLong());
      }
    } catch (RuntimeException e) {
      if (byDigest || repos.tag(repo, reference) == null) {
        throw e; // nothing cached to fall back on
      }
    }
  }

  /** Makes blob {@code digest} of {@code repo} present locally if an upstream has it. */
  public void beforeBlobRead(String repo, String digest) {
    UpstreamClient c = client(repo);
    if (c == null || !Digests.isValid(digest) || repos.hasBlob(repo, digest) && blobs.stored(digest)) {
      return;
    }
    try (InputStream in = c.blob(c.upstream().remoteName(repo), digest)) {
      if (in != null) {
        blobs.putMonolithic(repo, digest, in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + digest + " from " + c.upstream().url(), e);
    }
  }

  private UpstreamClient client(String repo) {
    for (UpstreamClient c : clients) {
      if (c.upstream().remoteName(repo) != null) {
        return c;
      }
    }
    return null;
  }
}
