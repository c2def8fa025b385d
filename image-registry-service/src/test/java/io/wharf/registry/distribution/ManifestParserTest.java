package io.wharf.registry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.registry.archive.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestParserTest {
  private static final String D1 = "sha256:" + "a".repeat(64);
  private static final String D2 = "sha256:" + "b".repeat(64);
  private static final String IMAGE = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
      + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + D1 + "\",\"size\":10},"
      + "\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER + "\",\"digest\":\"" + D2 + "\",\"size\":5},"
      + "{\"mediaType\":\"x\",\"digest\":\"" + D2 + "\",\"size\":5,\"urls\":[\"http://x\"]}]}";

  private static ParsedManifest parse(String json, String type) {
    return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), type);
  }

  @Test
  void imageManifest() {
    ParsedManifest m = parse(IMAGE, MediaTypes.OCI_MANIFEST);
    assertTrue(m.isImage());
    assertEquals(java.util.List.of(D1, D2), m.blobDigests(), "the foreign layer is not required");
    assertEquals(MediaTypes.OCI_CONFIG, m.artifactType());
    assertNull(m.subject());
  }

  @Test
  void mediaTypeFromContentTypeOrShape() {
    String noType = IMAGE.replace("\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",", "");
    assertEquals(MediaTypes.DOCKER_MANIFEST, parse(noType, MediaTypes.DOCKER_MANIFEST).mediaType());
    assertEquals(MediaTypes.OCI_MANIFEST, parse(noType, "application/json").mediaType());
    assertEquals(MediaTypes.OCI_INDEX, parse("{\"schemaVersion\":2,\"manifests\":[]}", null).mediaType());
    assertEquals(MediaTypes.OCI_MANIFEST, parse(IMAGE, MediaTypes.OCI_MANIFEST + "; charset=utf-8").mediaType());
  }

  @Test
  void artifactWithSubject() {
    String a = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"app/sbom\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + D1 + "\",\"size\":2},"
        + "\"layers\":[],\"subject\":{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D2 + "\",\"size\":9},"
        + "\"annotations\":{\"k\":\"v\"}}";
    ParsedManifest m = parse(a, MediaTypes.OCI_MANIFEST);
    assertEquals("app/sbom", m.artifactType());
    assertEquals(D2, m.subject().digest());
    assertTrue(!m.isImage());
    assertTrue(new String(m.referrerDescriptor()).contains("\"annotations\":{\"k\":\"v\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{not json", "[]", "{\"schemaVersion\":1}", "{\"schemaVersion\":2,\"mediaType\":\"application/x-unknown\",\"config\":{}}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:short\",\"size\":1},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"digest\":\"md5:abc\",\"size\":1},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"size\":1},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":1,\"mediaType\":\"a\"},\"layers\":{}}",
      "{\"schemaVersion\":2,\"manifests\":\"x\"}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":1}]}"})
  void invalid(String json) {
    DistributionException e = assertThrows(DistributionException.class, () -> parse(json, null));
    assertEquals(OciErrorCode.MANIFEST_INVALID, e.code(), json);
  }

  @Test
  void contentTypeMismatchAndSize() {
    DistributionException e = assertThrows(DistributionException.class, () -> parse(IMAGE, MediaTypes.OCI_INDEX));
    assertEquals(OciErrorCode.MANIFEST_INVALID, e.code());
    byte[] huge = new byte[ManifestParser.MAX_BYTES + 1];
    e = assertThrows(DistributionException.class, () -> ManifestParser.parse(huge, null));
    assertEquals(OciErrorCode.TOO_LARGE, e.code());
  }
}
