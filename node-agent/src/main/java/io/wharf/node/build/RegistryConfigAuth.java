package io.wharf.node.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The build's {@code X-Registry-Config} header (base64 JSON: registry host -> auth config, every
 * credential the CLI knows) turned into the {@code X-Registry-Auth} of one pull: the entry of the
 * image's registry ({@code docker.io} images match Docker Hub's keys). Pure.
 */
final class RegistryConfigAuth {
  private static final String HUB = "https://index.docker.io/v1/";

  private RegistryConfigAuth() {}

  /** The X-Registry-Auth value for pulling {@code reference}, or null when there is none. */
  static String forReference(String registryConfig, String reference) {
    if (registryConfig == null || registryConfig.isBlank()) {
      return null;
    }
    JsonNode all;
    try {
      String padded = registryConfig.strip();
      byte[] json = padded.contains("-") || padded.contains("_") ? Base64.getUrlDecoder().decode(padded)
          : Base64.getMimeDecoder().decode(padded);
      all = Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return null; // unreadable credentials: pull anonymously, as if none were sent
    }
    if (all == null || !all.isObject()) {
      return null;
    }
    String host = host(reference);
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (matches(e.getKey(), host)) {
        return Base64.getUrlEncoder().encodeToString(e.getValue().toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return null;
  }

  /** The registry host of a reference ("docker.io" when the first part is no host). */
  static String host(String reference) {
    int slash = reference.indexOf('/');
    if (slash < 0) {
      return "docker.io";
    }
    String first = reference.substring(0, slash);
    boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
    return isHost ? first : "docker.io";
  }

  private static boolean matches(String key, String host) {
    String k = key.replaceFirst("^https?://", "");
    int slash = k.indexOf('/');
    k = slash < 0 ? k : k.substring(0, slash);
    if (host.equals("docker.io")) {
      return key.equals(HUB) || k.equals("docker.io") || k.equals("index.docker.io") || k.equals("registry-1.docker.io");
    }
    return k.equals(host);
  }
}
