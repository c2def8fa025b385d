package io.wharf.registry.distribution;

import static io.wharf.registry.distribution.OciErrorCode.MANIFEST_INVALID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.store.Digests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates manifest bytes: JSON, schemaVersion 2, a supported media type (OCI image manifest
 * and index, Docker schema 2 manifest and manifest list; artifacts are OCI manifests or indexes
 * with artifactType), well-formed sha256 descriptors. MANIFEST_INVALID otherwise; TOO_LARGE
 * beyond {@link #MAX_BYTES} (4 MiB, Distribution's limit). Pure.
 */
public final class ManifestParser {
  private ManifestParser() {}

  public static final int MAX_BYTES = 4 * 1024 * 1024;
  public static final Set<String> SUPPORTED = Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
      MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST);
  private static final Set<String> GENERIC = Set.of("application/json", "application/octet-stream", "text/plain");

  /**
   * @param contentType the Content-Type the manifest came with (parameters allowed), or null
   */
  public static ParsedManifest parse(byte[] bytes, String contentType) {
    if (bytes.length > MAX_BYTES) {
      throw DistributionException.of(OciErrorCode.TOO_LARGE, "manifest is " + bytes.length
          + " bytes, more than the limit of " + MAX_BYTES);
    }
    JsonNode m;
    try {
      m = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw invalid("manifest is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (m == null || !m.isObject()) {
      throw invalid("manifest is not a JSON object");
    }
    if (m.path("schemaVersion").asInt(-1) != 2) {
      throw invalid("unsupported manifest schemaVersion " + m.path("schemaVersion") + ": only 2 is supported");
    }
    String type = mediaType(m, contentType);
    String digest = Digests.of(bytes);
    ManifestDescriptor subject = m.has("subject") ? descriptor(m.get("subject"), "subject") : null;
    String artifactType = text(m, "artifactType");
    if (MediaTypes.isIndex(type)) {
      List<ManifestDescriptor> children = descriptors(m.get("manifests"), "manifests");
      return new ParsedManifest(bytes, digest, type, null, List.of(), children, subject, artifactType,
          m.get("annotations"));
    }
    ManifestDescriptor config = descriptor(m.get("config"), "config");
    List<ManifestDescriptor> layers = m.has("layers") || !MediaTypes.OCI_MANIFEST.equals(type)
        ? descriptors(m.get("layers"), "layers") : List.of();
    String reported = artifactType != null ? artifactType : config.mediaType();
    return new ParsedManifest(bytes, digest, type, config, layers, List.of(), subject, reported,
        m.get("annotations"));
  }

  private static String mediaType(JsonNode m, String contentType) {
    String body = text(m, "mediaType");
    String header = contentType == null ? null : contentType.split(";", 2)[0].trim();
    if (header != null && (header.isEmpty() || GENERIC.contains(header))) {
      header = null; // a generic Content-Type (application/json, octet-stream) defers to the body
    }
    if (body != null && header != null && !body.equals(header)) {
      throw invalid("manifest mediaType \"" + body + "\" does not match Content-Type \"" + header + "\"");
    }
    String type = body != null ? body : header != null ? header : m.has("manifests") ? MediaTypes.OCI_INDEX
        : m.has("config") ? MediaTypes.OCI_MANIFEST : null;
    if (type == null || !SUPPORTED.contains(type)) {
      throw invalid("unsupported manifest media type \"" + type + "\"");
    }
    return type;
  }

  private static List<ManifestDescriptor> descriptors(JsonNode array, String field) {
    if (array == null || !array.isArray()) {
      throw invalid("manifest field \"" + field + "\" must be an array");
    }
    List<ManifestDescriptor> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(descriptor(array.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  static ManifestDescriptor descriptor(JsonNode d, String where) {
    if (d == null || !d.isObject()) {
      throw invalid("manifest field \"" + where + "\" must be a descriptor object");
    }
    String digest = text(d, "digest");
    if (!Digests.isValid(digest)) {
      throw invalid("manifest field \"" + where + "\" has an invalid or unsupported digest \"" + digest + "\"");
    }
    JsonNode size = d.get("size");
    if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
      throw invalid("manifest field \"" + where + "\" has an invalid size");
    }
    String mediaType = text(d, "mediaType");
    if (mediaType == null) {
      throw invalid("manifest field \"" + where + "\" has no mediaType");
    }
    JsonNode urls = d.get("urls");
    return new ManifestDescriptor(mediaType, digest, size.asLong(), urls != null && urls.isArray() && !urls.isEmpty());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static DistributionException invalid(String message) {
    return DistributionException.of(MANIFEST_INVALID, message);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.split("\n", 2)[0];
  }
}
