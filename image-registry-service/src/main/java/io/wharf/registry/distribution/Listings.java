package io.wharf.registry.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.registry.archive.MediaTypes;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code tags/list}, {@code _catalog} and the referrers API. Blocking. */
public final class Listings {
  private final Repositories repos;

  public Listings(Repositories repos) {
    this.repos = repos;
  }

  /** NAME_UNKNOWN when the repository does not exist. */
  public Page tags(String repo, Integer n, String last) {
    if (!repos.exists(repo)) {
      throw new DistributionException(OciErrorCode.NAME_UNKNOWN, "repository " + repo + " not known to registry",
          Map.of("name", repo));
    }
    return Page.of(repos.tags(repo), n, last);
  }

  public Page catalog(Integer n, String last) {
    return Page.of(repos.catalog(), n, last);
  }

  /**
   * The OCI image index listing the manifests of {@code repo} whose subject is {@code subject}
   * (an unknown subject lists empty), filtered by {@code artifactType} when non-null.
   */
  public byte[] referrers(String repo, String subject, String artifactType) {
    BlobService.requireDigest(subject);
    ObjectNode index = Json.MAPPER.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    for (byte[] d : repos.referrers(repo, subject)) {
      JsonNode desc = parse(d);
      if (desc == null || repos.manifestType(repo, desc.path("digest").asText()) == null) {
        continue; // deleted meanwhile
      }
      if (artifactType == null || artifactType.equals(desc.path("artifactType").asText(null))) {
        manifests.add(desc);
      }
    }
    return Json.bytes(index);
  }

  private static JsonNode parse(byte[] d) {
    try {
      return Json.MAPPER.readTree(d);
    } catch (IOException e) {
      return null;
    }
  }

  /** Lists shown as JSON: {"name": ..., "tags": [...]}, {"repositories": [...]}. */
  public static byte[] tagsJson(String repo, List<String> tags) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", repo);
    tags.forEach(o.putArray("tags")::add);
    return Json.bytes(o);
  }

  public static byte[] catalogJson(List<String> repositories) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    repositories.forEach(o.putArray("repositories")::add);
    return Json.bytes(o);
  }
}
