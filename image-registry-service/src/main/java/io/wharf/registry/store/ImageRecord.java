package io.wharf.registry.store;

import io.wharf.api.image.LayerRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps about one image, durable in images/&lt;hex&gt;.json. The image config is the
 * blob whose digest is the image id; the manifest is an OCI (or Docker schema 2) image manifest
 * blob, kept as exact bytes so /v2 can serve it under its digest.
 *
 * @param id "sha256:..." of the exact config bytes
 * @param layers bottom first; blobs are uncompressed tars, so digest == diffId
 * @param lastTagTimeNanos Unix epoch nanoseconds of the last tag change; 0 = never tagged
 */
public record ImageRecord(
    String id,
    long configSize,
    String manifestDigest,
    long manifestSize,
    String manifestMediaType,
    List<LayerRef> layers,
    long lastTagTimeNanos) {

  public ImageRecord withLastTagTime(long nanos) {
    return new ImageRecord(id, configSize, manifestDigest, manifestSize, manifestMediaType, layers, nanos);
  }

  /** Every blob this image references: config, manifest, layers. */
  public List<String> blobDigests() {
    List<String> all = new ArrayList<>();
    all.add(id);
    all.add(manifestDigest);
    layers.forEach(l -> all.add(l.digest()));
    return all;
  }

  /** Sum of the uncompressed layer sizes (what {@code docker images} shows as SIZE). */
  public long size() {
    return layers.stream().mapToLong(LayerRef::size).sum();
  }
}
