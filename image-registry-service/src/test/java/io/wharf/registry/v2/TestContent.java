package io.wharf.registry.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.store.Digests;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/** Random blobs and the manifests that reference them, pushed through a {@link V2Client}. */
public final class TestContent {
  private TestContent() {}

  private static final SecureRandom RANDOM = new SecureRandom();

  public static byte[] random(int size) {
    byte[] b = new byte[size];
    RANDOM.nextBytes(b);
    return b;
  }

  /** An image config whose rootfs lists {@code diffIds} (layers pushed uncompressed: digest = diffID). */
  public static byte[] config(List<String> diffIds) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("architecture", "amd64").put("os", "linux").put("created", "2026-01-01T00:00:00Z");
    c.putObject("config").putArray("Cmd").add("/bin/sh");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    diffIds.forEach(rootfs.putArray("diff_ids")::add);
    c.put("nonce", Digests.of(random(16)));
    return Json.bytes(c);
  }

  public static ObjectNode descriptor(String mediaType, byte[] content) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("mediaType", mediaType).put("digest", Digests.of(content)).put("size", content.length);
    return d;
  }

  /** An OCI image manifest over {@code config} and {@code layers}; optional subject and artifactType. */
  public static byte[] manifest(byte[] config, String configType, List<byte[]> layers, ObjectNode subject,
      String artifactType) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
    if (artifactType != null) {
      m.put("artifactType", artifactType);
    }
    m.set("config", descriptor(configType, config));
    var ls = m.putArray("layers");
    layers.forEach(l -> ls.add(descriptor(MediaTypes.OCI_LAYER, l)));
    if (subject != null) {
      m.set("subject", subject);
    }
    return Json.bytes(m);
  }

  public static byte[] index(List<byte[]> manifests) {
    ObjectNode i = Json.MAPPER.createObjectNode();
    i.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
    var ms = i.putArray("manifests");
    manifests.forEach(m -> ms.add(descriptor(MediaTypes.OCI_MANIFEST, m)));
    return Json.bytes(i);
  }

  /** Monolithic POST ?digest=; asserts 201. */
  public static String pushBlob(V2Client c, String repo, byte[] blob) throws Exception {
    String digest = Digests.of(blob);
    HttpResponse<byte[]> r = c.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, blob,
        Map.of("Content-Type", "application/octet-stream"));
    assertEquals(201, r.statusCode(), () -> "push blob: " + new String(r.body(), StandardCharsets.UTF_8));
    return digest;
  }

  /** PUT of a manifest; returns the response. */
  public static HttpResponse<byte[]> putManifest(V2Client c, String repo, String ref, byte[] manifest, String type)
      throws Exception {
    return c.send("PUT", "/v2/" + repo + "/manifests/" + ref, manifest, Map.of("Content-Type", type));
  }

  /** Pushes a one-layer image (layer, config, manifest) under {@code tag}; returns the manifest bytes. */
  public static byte[] pushImage(V2Client c, String repo, String tag, int layerSize) throws Exception {
    byte[] layer = random(layerSize);
    pushBlob(c, repo, layer);
    byte[] config = config(List.of(Digests.of(layer)));
    pushBlob(c, repo, config);
    byte[] manifest = manifest(config, MediaTypes.OCI_CONFIG, List.of(layer), null, null);
    HttpResponse<byte[]> r = putManifest(c, repo, tag, manifest, MediaTypes.OCI_MANIFEST);
    assertEquals(201, r.statusCode(), () -> "push manifest: " + new String(r.body(), StandardCharsets.UTF_8));
    return manifest;
  }
}
