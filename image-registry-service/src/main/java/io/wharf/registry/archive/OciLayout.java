package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.WharfException;
import io.wharf.registry.store.Digests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OCI image layout (oci-layout, index.json, blobs/sha256/...): follows index.json to image
 * manifests (through nested indexes, choosing linux/amd64), and takes names from the descriptor
 * annotations {@code io.containerd.image.name} (a full reference) or
 * {@code org.opencontainers.image.ref.name} (used only when it is a full reference, not a bare tag).
 */
final class OciLayout {
  private OciLayout() {}

  static final String INDEX = "index.json";
  private static final String CONTAINERD_NAME = "io.containerd.image.name";
  private static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";

  static boolean present(ArchiveSpool spool) {
    return spool.has(INDEX);
  }

  /** The images of the layout, one per distinct manifest, with all their names. */
  static List<ImageCandidate> candidates(ArchiveSpool spool) {
    Map<String, ImageCandidate> byManifest = new LinkedHashMap<>();
    walk(spool, JsonTrees.parse(spool.bytes(INDEX), INDEX), null, (member, manifest, name) -> {
      ImageCandidate c = byManifest.computeIfAbsent(member, m -> toCandidate(m, manifest));
      if (name != null && !c.repoTags().contains(name)) {
        c.repoTags().add(name);
      }
    });
    return new ArrayList<>(byManifest.values());
  }

  /** config digest -&gt; manifest member, for reusing exact manifest bytes. */
  static Map<String, String> manifestsByConfig(ArchiveSpool spool) {
    Map<String, String> out = new HashMap<>();
    if (present(spool)) {
      walk(spool, JsonTrees.parse(spool.bytes(INDEX), INDEX), null, (member, manifest, name) ->
          out.putIfAbsent(JsonTrees.requiredText(manifest.path("config"), "digest", member), member));
    }
    return out;
  }

  private interface ManifestVisitor {
    void visit(String member, JsonNode manifest, String name);
  }

  private static void walk(ArchiveSpool spool, JsonNode index, String inheritedName, ManifestVisitor visitor) {
    JsonNode manifests = index.get("manifests");
    if (manifests == null || !manifests.isArray()) {
      throw WharfException.invalid("invalid archive: index has no manifests");
    }
    List<JsonNode> chosen = choose(manifests);
    for (JsonNode desc : chosen) {
      String digest = Digests.require(JsonTrees.requiredText(desc, "digest", INDEX));
      String member = "blobs/" + digest.replace(':', '/');
      String name = inheritedName != null ? inheritedName : nameOf(desc.get("annotations"));
      JsonNode target = JsonTrees.parse(spool.bytes(member), member);
      String mediaType = JsonTrees.text(desc, "mediaType");
      if (MediaTypes.isIndex(mediaType) || target.has("manifests")) {
        walk(spool, target, name, visitor);
      } else {
        visitor.visit(member, target, name);
      }
    }
  }

  /** Every top-level entry, but only the linux/amd64 (else the first) entry of a platform index. */
  private static List<JsonNode> choose(JsonNode manifests) {
    List<JsonNode> all = new ArrayList<>();
    manifests.forEach(all::add);
    boolean platformIndex = all.stream().anyMatch(d -> d.has("platform"));
    if (!platformIndex || all.isEmpty()) {
      return all;
    }
    return List.of(all.stream().filter(OciLayout::isLinuxAmd64).findFirst().orElse(all.get(0)));
  }

  private static boolean isLinuxAmd64(JsonNode desc) {
    JsonNode p = desc.path("platform");
    return "linux".equals(p.path("os").asText()) && "amd64".equals(p.path("architecture").asText());
  }

  private static String nameOf(JsonNode annotations) {
    if (annotations == null) {
      return null;
    }
    String full = JsonTrees.text(annotations, CONTAINERD_NAME);
    if (full != null) {
      return full;
    }
    String ref = JsonTrees.text(annotations, OCI_REF_NAME);
    return ref != null && (ref.contains(":") || ref.contains("/")) ? ref : null;
  }

  private static ImageCandidate toCandidate(String member, JsonNode manifest) {
    String config = "blobs/" + Digests.require(
        JsonTrees.requiredText(manifest.path("config"), "digest", member)).replace(':', '/');
    List<String> layers = new ArrayList<>();
    for (JsonNode l : manifest.path("layers")) {
      layers.add("blobs/" + Digests.require(JsonTrees.requiredText(l, "digest", member)).replace(':', '/'));
    }
    return new ImageCandidate(config, layers, new ArrayList<>(), member);
  }
}
