package io.wharf.registry.v2;

import static io.wharf.registry.v2.TestContent.pushBlob;
import static io.wharf.registry.v2.TestContent.random;
import static io.wharf.registry.v2.V2Client.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.registry.RegistryFixture;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blob GET bodies are the same bytes with a Content-Length (never chunked encoding) whichever way
 * they are written: sendfile (blobChunkBytes 0, the default), pieces smaller than the blob (many reads),
 * 64 KiB pieces. Ranges cross chunk boundaries.
 */
@ExtendWith(VertxExtension.class)
class BlobStreamingTest {
  private static final String REPO = "stream/blob";

  @ParameterizedTest
  @ValueSource(ints = {0, 1000, 64 * 1024})
  void wholeBlobsAndRangesAreExact(int chunkBytes, Vertx vertx) throws Exception {
    JsonObject config = new JsonObject().put("blobChunkBytes", chunkBytes);
    RegistryFixture registry = RegistryFixture.start(vertx, "blobstream", config);
    try {
      V2Client c = registry.client;
      byte[] blob = random(10_001);
      String digest = pushBlob(c, REPO, blob);
      HttpResponse<byte[]> whole = c.get("/v2/" + REPO + "/blobs/" + digest);
      assertEquals(200, whole.statusCode());
      assertArrayEquals(blob, whole.body());
      assertEquals("10001", header(whole, "Content-Length"));
      assertNull(header(whole, "Transfer-Encoding"), "never chunked");
      assertEquals(digest, header(whole, "Docker-Content-Digest"));
      HttpResponse<byte[]> range = c.send("GET", "/v2/" + REPO + "/blobs/" + digest, null,
          Map.of("Range", "bytes=999-2500"));
      assertEquals(206, range.statusCode());
      assertArrayEquals(Arrays.copyOfRange(blob, 999, 2501), range.body());
      assertEquals("1502", header(range, "Content-Length"));
      assertEquals("bytes 999-2500/10001", header(range, "Content-Range"));
      HttpResponse<byte[]> tail = c.send("GET", "/v2/" + REPO + "/blobs/" + digest, null, Map.of("Range", "bytes=9000-"));
      assertArrayEquals(Arrays.copyOfRange(blob, 9000, 10_001), tail.body());
      HttpResponse<byte[]> empty = c.get("/v2/" + REPO + "/blobs/" + pushBlob(c, REPO, new byte[0]));
      assertEquals(200, empty.statusCode());
      assertEquals(0, empty.body().length);
    } finally {
      registry.close();
    }
  }

  @Test
  void negativeChunkSizeIsRefusedAtStart(Vertx vertx) {
    assertThrows(Exception.class,
        () -> RegistryFixture.start(vertx, "blobstream-bad", new JsonObject().put("blobChunkBytes", -1)));
  }
}
