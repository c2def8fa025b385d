package io.wharf.registry.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.registry.distribution.ManifestDescriptor;
import java.io.IOException;

/** Picks the manifest of one platform ("linux/amd64", "linux/arm64/v8") out of an index. Pure. */
final class PlatformChoice {
  private PlatformChoice() {}

  /** This host's platform in OCI terms. */
  static String host() {
    String arch = System.getProperty("os.arch");
    return "linux/" + switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }

  /** NOT_FOUND (Docker's wording) when no entry matches os and architecture (and variant when given). */
  static ManifestDescriptor pick(byte[] index, String platform) {
    String[] want = platform.split("/");
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(index);
    } catch (IOException e) {
      throw WharfException.invalid("unreadable image index: " + e.getMessage());
    }
    for (JsonNode m : root.path("manifests")) {
      JsonNode p = m.path("platform");
      boolean os = want[0].equals(p.path("os").asText());
      boolean arch = want.length < 2 || want[1].equals(p.path("architecture").asText());
      boolean variant = want.length < 3 || want[2].equals(p.path("variant").asText());
      if (os && arch && variant) {
        return new ManifestDescriptor(m.path("mediaType").asText(), m.path("digest").asText(), m.path("size").asLong(), false);
      }
    }
    throw WharfException.notFound("no matching manifest for " + platform + " in the manifest list entries");
  }
}
