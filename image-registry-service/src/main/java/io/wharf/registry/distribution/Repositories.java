package io.wharf.registry.distribution;

import static io.wharf.registry.store.RegistryPaths.REPOSITORIES_KEY;

import io.wharf.registry.storage.StorageDriver;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.RegistryPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The /v2 metadata of every repository, over a {@link StorageDriver}: which blobs and manifests
 * belong to a repository (links), its tags, and the referrers of its manifests. Keys come from
 * {@link RegistryPaths}. A repository exists (is listed, has tags) while it has a manifest
 * link; blob links alone (layers pushed before their manifest) do not make it visible. Names and tags
 * must already be validated. Thread-safe per entry (each write is one atomic put); callers that
 * need read-check-write sequences hold the image store lock. Blocking.
 */
public final class Repositories {
  private final StorageDriver driver;

  public Repositories(StorageDriver driver) {
    this.driver = driver;
  }

  public StorageDriver driver() {
    return driver;
  }

  /**
   * Links a blob. Relaxed durability: a link lost to a power failure only makes the client upload
   * the blob again, and a manifest put links its blobs anew.
   */
  public void linkBlob(String repo, String digest) {
    String key = RegistryPaths.blobLinkKey(repo, digest);
    if (!driver.exists(key)) {
      driver.putRelaxed(key, new byte[0]);
    }
  }

  public boolean hasBlob(String repo, String digest) {
    return driver.exists(RegistryPaths.blobLinkKey(repo, digest));
  }

  public boolean unlinkBlob(String repo, String digest) {
    return driver.delete(RegistryPaths.blobLinkKey(repo, digest));
  }

  public List<String> blobs(String repo) {
    return digests(driver.list(RegistryPaths.blobLinksKey(repo)));
  }

  /** Links a manifest, remembering its media type (the exact type it was pushed with). */
  public void linkManifest(String repo, String digest, String mediaType) {
    String key = RegistryPaths.manifestLinkKey(repo, digest);
    byte[] type = mediaType.getBytes(StandardCharsets.UTF_8);
    byte[] existing = driver.get(key);
    if (existing == null || !Arrays.equals(existing, type)) {
      driver.put(key, type);
    }
  }

  /** The media type of a manifest linked in {@code repo}, or null when it is not linked. */
  public String manifestType(String repo, String digest) {
    byte[] b = driver.get(RegistryPaths.manifestLinkKey(repo, digest));
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  public boolean unlinkManifest(String repo, String digest) {
    return driver.delete(RegistryPaths.manifestLinkKey(repo, digest));
  }

  public List<String> manifests(String repo) {
    return digests(driver.list(RegistryPaths.manifestLinksKey(repo)));
  }

  public void setTag(String repo, String tag, String digest) {
    driver.put(RegistryPaths.tagKey(repo, tag), digest.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest a tag points at, or null. */
  public String tag(String repo, String tag) {
    byte[] b = driver.get(RegistryPaths.tagKey(repo, tag));
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  public boolean removeTag(String repo, String tag) {
    return driver.delete(RegistryPaths.tagKey(repo, tag));
  }

  /** Tags of {@code repo}, sorted lexically. */
  public List<String> tags(String repo) {
    return driver.list(RegistryPaths.tagsKey(repo));
  }

  /** Tags of {@code repo} pointing at {@code digest}. */
  public List<String> tagsOf(String repo, String digest) {
    return tags(repo).stream().filter(t -> digest.equals(tag(repo, t))).toList();
  }

  public void addReferrer(String repo, String subject, String digest, byte[] descriptorJson) {
    driver.put(RegistryPaths.referrerKey(repo, subject, digest), descriptorJson);
  }

  public void removeReferrer(String repo, String subject, String digest) {
    driver.delete(RegistryPaths.referrerKey(repo, subject, digest));
  }

  /** The stored descriptors of manifests whose subject is {@code subject}, by referrer digest. */
  public List<byte[]> referrers(String repo, String subject) {
    String dir = RegistryPaths.referrersKey(repo, subject);
    List<byte[]> out = new ArrayList<>();
    for (String hex : driver.list(dir)) {
      byte[] d = driver.get(dir + "/" + hex);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  public boolean exists(String repo) {
    return !driver.list(RegistryPaths.manifestLinksKey(repo)).isEmpty();
  }

  /** Every repository, sorted lexically (the order of {@code _catalog}). */
  public List<String> catalog() {
    List<String> out = new ArrayList<>();
    collect(REPOSITORIES_KEY, "", out);
    out.sort(null);
    return out;
  }

  private void collect(String key, String name, List<String> out) {
    for (String child : driver.list(key)) {
      if (child.startsWith("_")) {
        continue;
      }
      String childName = name.isEmpty() ? child : name + "/" + child;
      if (exists(childName)) {
        out.add(childName);
      }
      collect(key + "/" + child, childName, out);
    }
  }

  private static List<String> digests(List<String> hexes) {
    return hexes.stream().filter(h -> h.length() == 64).map(h -> Digests.SHA256 + h).toList();
  }
}
