package io.wharf.registry.store;

import io.wharf.api.WharfException;
import io.wharf.registry.reference.ImageReference;
import java.util.List;

/**
 * Finds an image by what a user typed: a name ({@code busybox}, {@code busybox:latest},
 * {@code docker.io/library/busybox}), a full id, a {@code sha256:} id, or a unique id prefix.
 * Like Docker, a name is first looked up as a tag ("abc" = "abc:latest"); only then is a hex string
 * taken as the prefix of exactly one image id. "sha256:..." and 64-hex strings are always ids.
 */
public final class ImageLookup {
  private final ImageStore store;

  public ImageLookup(ImageStore store) {
    this.store = store;
  }

  /**
   * What a name resolved to.
   *
   * @param reference the tag reference the name matched (with "latest" added), or null when the
   *     name was an id or id prefix
   */
  public record Resolved(String id, ImageReference reference) {
    public boolean byReference() {
      return reference != null;
    }
  }

  /** Resolves {@code name}; NOT_FOUND "No such image: busybox:latest", INVALID_ARGUMENT when malformed. */
  public Resolved resolve(String name) {
    if (name == null || name.isEmpty()) {
      throw WharfException.invalid("invalid reference format");
    }
    if (name.startsWith(Digests.SHA256) || name.matches("[a-f0-9]{64}")) {
      String byId = ImageReference.looksLikeId(name) ? uniqueIdWithPrefix(stripAlgorithm(name)) : null;
      if (byId == null) {
        throw WharfException.notFound("No such image: " + name);
      }
      return new Resolved(byId, null);
    }
    ImageReference ref = ImageReference.parse(name).withDefaultTag();
    if (ref.digest() != null) {
      RepoDigests names = new RepoDigests(store.paths());
      String named = ref.familiarName() + "@" + ref.digest();
      return store.images().stream().filter(r -> r.manifestDigest().equals(ref.digest())
          || names.of(r.id()).contains(named)).findFirst()
          .map(r -> new Resolved(r.id(), null))
          .orElseThrow(() -> WharfException.notFound("No such image: " + ref.familiarString()));
    }
    String id = store.tagTarget(ref.familiarString());
    if (id != null) {
      return new Resolved(id, ref);
    }
    String byId = ImageReference.looksLikeId(name) ? uniqueIdWithPrefix(name) : null;
    if (byId == null) {
      throw WharfException.notFound("No such image: " + ref.familiarString());
    }
    return new Resolved(byId, null);
  }

  private String uniqueIdWithPrefix(String hexPrefix) {
    List<String> matches = store.images().stream().map(ImageRecord::id)
        .filter(id -> id.startsWith(Digests.SHA256 + hexPrefix)).toList();
    return matches.size() == 1 ? matches.get(0) : null;
  }

  private static String stripAlgorithm(String s) {
    return s.startsWith(Digests.SHA256) ? s.substring(Digests.SHA256.length()) : s;
  }
}
