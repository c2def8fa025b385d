package io.wharf.registry.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.registry.archive.MediaTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated manifest: the exact bytes received, their digest, and what they reference.
 *
 * @param mediaType the effective media type (the body's mediaType, else the Content-Type it came with)
 * @param config the config descriptor of an image manifest or artifact, null for an index
 * @param layers layer descriptors of a manifest (empty for an index)
 * @param children manifest descriptors of an index (empty for a manifest)
 * @param subject the manifest this one refers to (referrers API), or null
 * @param artifactType the manifest's artifactType, else its config media type (what the referrers
 *     API reports), or null for an index without artifactType
 * @param annotations the "annotations" object or null
 */
public record ParsedManifest(byte[] bytes, String digest, String mediaType, ManifestDescriptor config,
    List<ManifestDescriptor> layers, List<ManifestDescriptor> children, ManifestDescriptor subject,
    String artifactType, JsonNode annotations) {

  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  public long size() {
    return bytes.length;
  }

  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** A runnable image (what {@code docker images} lists): a manifest whose config is an image config. */
  public boolean isImage() {
    return config != null && (MediaTypes.OCI_CONFIG.equals(config.mediaType())
        || DOCKER_CONFIG.equals(config.mediaType()));
  }

  /** The blobs this manifest needs in the store: config and layers (foreign layers with urls excluded). */
  public List<String> blobDigests() {
    List<String> out = new ArrayList<>();
    if (config != null) {
      out.add(config.digest());
    }
    layers.stream().filter(l -> !l.foreign()).forEach(l -> out.add(l.digest()));
    return out;
  }

  /** The descriptor the referrers API lists for this manifest. */
  public byte[] referrerDescriptor() {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", (long) bytes.length);
    if (artifactType != null) {
      d.put("artifactType", artifactType);
    }
    if (annotations != null && annotations.isObject() && !annotations.isEmpty()) {
      d.set("annotations", annotations);
    }
    return Json.bytes(d);
  }
}
