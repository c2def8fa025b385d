package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.image.LayerRef;
import java.util.List;

/**
 * Generates the OCI image manifest of an image that arrived without one (docker-save archives,
 * imports). Deterministic: the same config and layers always give the same bytes and digest.
 */
public final class ManifestBuilder {
  private ManifestBuilder() {}

  public static byte[] ociManifest(String configDigest, long configSize, List<LayerRef> layers) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.set("config", descriptor(MediaTypes.OCI_CONFIG, configDigest, configSize));
    ArrayNode ls = m.putArray("layers");
    layers.forEach(l -> ls.add(descriptor(l.mediaType(), l.digest(), l.size())));
    return Json.bytes(m);
  }

  static ObjectNode descriptor(String mediaType, String digest, long size) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }
}
