package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads manifest.json of a "docker save" archive: {@code [{"Config": "<hex>.json" or
 * "blobs/sha256/<hex>", "RepoTags": [...], "Layers": ["<id>/layer.tar" or "blobs/sha256/<hex>"]}]}.
 */
final class DockerSaveLayout {
  private DockerSaveLayout() {}

  static final String MANIFEST = "manifest.json";

  /**
   * The images listed in manifest.json.
   *
   * @param ociManifestByConfig config digest -&gt; OCI manifest member, from the archive's index.json
   *     when it has one (Docker 25+ writes both), so the manifest digest survives save and load
   */
  static List<ImageCandidate> candidates(ArchiveSpool spool, Map<String, String> ociManifestByConfig) {
    JsonNode root = JsonTrees.parse(spool.bytes(MANIFEST), MANIFEST);
    if (!root.isArray()) {
      throw WharfException.invalid("invalid archive: manifest.json is not a JSON array");
    }
    List<ImageCandidate> out = new ArrayList<>();
    for (JsonNode entry : root) {
      String config = JsonTrees.requiredText(entry, "Config", MANIFEST);
      List<String> layers = JsonTrees.texts(entry.get("Layers"));
      List<String> tags = JsonTrees.texts(entry.get("RepoTags"));
      String configDigest = spool.get(config).digest();
      out.add(new ImageCandidate(config, layers, tags, ociManifestByConfig.get(configDigest)));
    }
    return out;
  }
}
