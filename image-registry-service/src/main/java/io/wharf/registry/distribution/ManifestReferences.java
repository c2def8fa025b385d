package io.wharf.registry.distribution;

import io.wharf.registry.store.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each stored manifest references (config, layers, child manifests, subject excluded): read
 * once per digest and cached, since a digest's bytes never change. Also walks every repository to
 * compute the set of blobs in use by linked manifests (the mark phase of garbage collection).
 * Blocking.
 */
public final class ManifestReferences {
  private static final int CACHE_LIMIT = 50_000;
  private final BlobStore blobs;
  private final Repositories repos;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  public ManifestReferences(BlobStore blobs, Repositories repos) {
    this.blobs = blobs;
    this.repos = repos;
  }

  /** Blob and manifest digests {@code manifestDigest} references; empty when unreadable. */
  public List<String> of(String manifestDigest) {
    List<String> hit = cache.get(manifestDigest);
    if (hit != null) {
      return hit;
    }
    List<String> refs = read(manifestDigest);
    if (cache.size() > CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(manifestDigest, refs);
    return refs;
  }

  /** Remembers the references of a manifest just parsed (saves a read). */
  public void remember(ParsedManifest m) {
    List<String> refs = new ArrayList<>(m.blobDigests());
    m.children().forEach(c -> refs.add(c.digest()));
    cache.put(m.digest(), List.copyOf(refs));
  }

  /** Every manifest linked in any repository, and everything they reference (transitively: index children are linked too). */
  public Set<String> inUse() {
    Set<String> marked = new HashSet<>();
    for (String repo : repos.catalog()) {
      for (String m : repos.manifests(repo)) {
        marked.add(m);
        marked.addAll(of(m));
      }
    }
    return marked;
  }

  private List<String> read(String digest) {
    try {
      if (!blobs.has(digest)) {
        return List.of();
      }
      ParsedManifest m = ManifestParser.parse(blobs.read(digest), null);
      List<String> refs = new ArrayList<>(m.blobDigests());
      m.children().forEach(c -> refs.add(c.digest()));
      return List.copyOf(refs);
    } catch (IOException | RuntimeException e) {
      return List.of(); // not a manifest we can read: it protects nothing
    }
  }
}
