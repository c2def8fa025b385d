package io.wharf.registry.store;

import java.nio.file.Path;

/**
 * Every path the image-registry-service uses, computed in one place.
 *
 * <pre>
 * dataRoot/registry/
 *   blobs/sha256/&lt;hex&gt;     content-addressed blobs: layers (uncompressed tars), image configs
 *                           (the exact bytes whose sha256 is the image id) and OCI manifests
 *   tmp/                    writes in progress (blob staging, spooled request bodies, load
 *                           staging dirs); nothing in it is referenced; emptied at start
 *   images/&lt;hex&gt;.json      one {@link ImageRecord} per image id (hex of the config digest)
 *   tags.json               the tag index: familiar "name:tag" -&gt; "sha256:&lt;image id&gt;"
 * </pre>
 *
 * <p>Files under blobs/, images/ and tags.json are only ever replaced by an atomic rename of a
 * fully written, fsynced temp file (see {@link DurableFiles}).
 */
public record RegistryPaths(Path dataRoot) {

  public Path root() {
    return dataRoot.resolve("registry");
  }

  public Path blobs() {
    return root().resolve("blobs").resolve("sha256");
  }

  /** The blob file of a "sha256:&lt;hex&gt;" digest (the digest must be valid: see {@link Digests}). */
  public Path blob(String digest) {
    return blobs().resolve(Digests.hex(digest));
  }

  public Path tmp() {
    return root().resolve("tmp");
  }

  public Path images() {
    return root().resolve("images");
  }

  /** The record of image "sha256:&lt;hex&gt;". */
  public Path imageRecord(String imageId) {
    return images().resolve(Digests.hex(imageId) + ".json");
  }

  public Path tagIndex() {
    return root().resolve("tags.json");
  }
}
