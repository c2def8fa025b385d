package io.wharf.registry.v2;

import static io.wharf.registry.v2.TestContent.putManifest;
import static io.wharf.registry.v2.TestContent.random;
import static io.wharf.registry.v2.V2Client.errorCode;
import static io.wharf.registry.v2.V2Client.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.store.Digests;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input gets the exact OCI error code, leaves nothing half-written visible, and the registry
 * keeps serving: wrong digests and sizes, out-of-order chunks, invalid names and tags, invalid
 * manifests, uploads beyond the configured size and concurrency limits.
 */
@ExtendWith(VertxExtension.class)
class BadInputTest {
  private static final String REPO = "bad/input";
  private RegistryFixture registry;
  private V2Client c;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    registry = RegistryFixture.start(vertx, "badinput", new JsonObject().put("maxBlobBytes", 1_000_000)
        .put("maxConcurrentUploads", 2).put("idleTimeoutSeconds", 1));
    c = registry.client;
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void badNamesAndTags() throws Exception {
    for (String name : List.of("..%2Fx", "Upper/case", "a".repeat(256), "bad__-name", "-lead")) {
      HttpResponse<byte[]> r = c.get("/v2/" + name + "/tags/list");
      assertEquals(400, r.statusCode(), name);
      assertEquals("NAME_INVALID", errorCode(r), name);
    }
    byte[] m = TestContent.pushImage(c, REPO, "ok", 10);
    for (String tag : List.of(".dot", "-dash", "t".repeat(129))) {
      HttpResponse<byte[]> r = putManifest(c, REPO, tag, m, MediaTypes.OCI_MANIFEST);
      assertEquals("TAG_INVALID", errorCode(r), tag);
    }
  }

  @Test
  void badManifests() throws Exception {
    byte[] good = TestContent.pushImage(c, REPO, "ok", 10);
    assertEquals("MANIFEST_INVALID", errorCode(putManifest(c, REPO, "x", "{not json".getBytes(), MediaTypes.OCI_MANIFEST)));
    assertEquals("MANIFEST_INVALID", errorCode(putManifest(c, REPO, "x", good, "application/vnd.example.unknown+json")));
    byte[] unknownType = new String(good).replace(MediaTypes.OCI_MANIFEST, "application/vnd.example.unknown+json").getBytes();
    assertEquals("MANIFEST_INVALID", errorCode(putManifest(c, REPO, "x", unknownType, "application/json")));
    assertEquals("MANIFEST_INVALID", errorCode(putManifest(c, REPO, "x", "{\"schemaVersion\":1}".getBytes(), "application/json")));
    HttpResponse<byte[]> wrongDigest = putManifest(c, REPO, Digests.of(random(4)), good, MediaTypes.OCI_MANIFEST);
    assertEquals(400, wrongDigest.statusCode());
    assertEquals("DIGEST_INVALID", errorCode(wrongDigest));
    byte[] layer = random(10);
    byte[] missingBlob = TestContent.manifest(TestContent.config(List.of(Digests.of(layer))), MediaTypes.OCI_CONFIG,
        List.of(layer), null, null);
    HttpResponse<byte[]> unknown = putManifest(c, REPO, "x", missingBlob, MediaTypes.OCI_MANIFEST);
    assertEquals(404, unknown.statusCode());
    assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(unknown));
    byte[] huge = new byte[4 * 1024 * 1024 + 10];
    Arrays.fill(huge, (byte) ' ');
    HttpResponse<byte[]> tooBig = putManifest(c, REPO, "x", huge, MediaTypes.OCI_MANIFEST);
    assertEquals(413, tooBig.statusCode());
    assertEquals("SIZE_INVALID", errorCode(tooBig));
    assertEquals(404, c.get("/v2/" + REPO + "/manifests/x").statusCode(), "nothing half-written is visible");
  }

  @Test
  void badBlobUploads() throws Exception {
    byte[] blob = random(100);
    HttpResponse<byte[]> wrong = c.send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + Digests.of(random(5)), blob,
        Map.of());
    assertEquals(400, wrong.statusCode());
    assertEquals("DIGEST_INVALID", errorCode(wrong));
    assertEquals("DIGEST_INVALID", errorCode(c.send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=sha256:zz", blob, Map.of())));
    String location = header(c.send("POST", "/v2/" + REPO + "/blobs/uploads/", null, Map.of()), "Location");
    HttpResponse<byte[]> sizeLie = c.send("PATCH", location, blob, Map.of("Content-Range", "0-49"));
    assertEquals("BLOB_UPLOAD_INVALID", errorCode(sizeLie));
    assertEquals("0-0", header(c.get(location), "Range"), "the bad chunk was cut off");
    HttpResponse<byte[]> finish = c.send("PUT", location + "?digest=" + Digests.of(random(3)), blob, Map.of());
    assertEquals("DIGEST_INVALID", errorCode(finish));
    assertEquals(404, c.head("/v2/" + REPO + "/blobs/" + Digests.of(blob)).statusCode());
    assertEquals("BLOB_UPLOAD_UNKNOWN", errorCode(c.get("/v2/" + REPO + "/blobs/uploads/not-a-uuid")));
    assertEquals("UNSUPPORTED", errorCode(c.send("POST", "/v2/" + REPO + "/manifests/x", null, Map.of())));
  }

  @Test
  void uploadsBeyondTheLimitsAreRefusedAndOthersStillServed() throws Exception {
    byte[] huge = random(1_500_000);
    HttpResponse<byte[]> mono = c.send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + Digests.of(huge), huge, Map.of());
    assertEquals(413, mono.statusCode());
    assertEquals("SIZE_INVALID", errorCode(mono));
    String location = header(c.send("POST", "/v2/" + REPO + "/blobs/uploads/", null, Map.of()), "Location");
    HttpResponse<byte[]> chunk = c.send("PATCH", location, huge, Map.of());
    assertEquals(413, chunk.statusCode());
    assertEquals("0-0", header(c.get(location), "Range"), "nothing of the refused chunk stays");
    assertEquals(404, c.head("/v2/" + REPO + "/blobs/" + Digests.of(huge)).statusCode());
    TestContent.pushImage(c, REPO, "still-works", 1000);
  }

  @Test
  void tooManyConcurrentUploadsGet429() throws Exception {
    List<CompletableFuture<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      byte[] blob = random(900_000);
      statuses.add(CompletableFuture.supplyAsync(() -> {
        try {
          return c.send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + Digests.of(blob), blob, Map.of()).statusCode();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    List<Integer> codes = statuses.stream().map(CompletableFuture::join).toList();
    assertEquals(12, codes.stream().filter(s -> s == 201 || s == 429).count(), codes.toString());
    TestContent.pushImage(c, REPO, "after", 10);
  }

  @Test
  void aStalledUploadIsCutOffAndLeavesNothing() throws Exception {
    String location = header(c.send("POST", "/v2/" + REPO + "/blobs/uploads/", null, Map.of()), "Location");
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", registry.port())) {
      var out = s.getOutputStream();
      out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n").getBytes());
      out.write(new byte[10]);
      out.flush();
      s.setSoTimeout(10_000);
      assertEquals(-1, s.getInputStream().read(), "the idle connection is closed by the registry");
    }
    HttpResponse<byte[]> status = c.get(location);
    assertEquals(204, status.statusCode());
    assertEquals("0-0", header(status, "Range"), "the half chunk was cut off");
    TestContent.pushImage(c, REPO, "alive", 10);
  }
}
