package io.wharf.registry.v2;

import static io.wharf.registry.v2.V2Client.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.ClusterMaps.ClusterKeys;
import io.wharf.api.InternalHttp;
import io.wharf.api.Json;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.TestImages;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.store.Digests;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One store, two faces: Docker-side images appear in /v2 and /v2 pushes appear in docker images. */
@ExtendWith(VertxExtension.class)
class TwoFacesTest {
  private static final TypeReference<List<ImageSummary>> SUMMARIES = new TypeReference<>() {};
  private RegistryFixture registry;
  private V2Client c;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    registry = RegistryFixture.start(vertx, "faces", null);
    c = registry.client;
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void dockerLoadedImageIsServedByV2AndRmiRemovesIt() throws Exception {
    byte[] tar = Files.readAllBytes(TestImages.busyboxTar(registry.root.resolve("bb.tar"), "busybox:latest"));
    String token = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CLUSTER).await().get(ClusterKeys.TOKEN).await();
    HttpResponse<byte[]> loaded = c.send("POST", InternalHttp.PREFIX + "/images/load?quiet=1", tar,
        Map.of(InternalHttp.TOKEN_HEADER, token));
    assertEquals(200, loaded.statusCode());
    HttpResponse<byte[]> m = c.get("/v2/busybox/manifests/latest");
    assertEquals(200, m.statusCode());
    JsonNode manifest = V2Client.json(m);
    String layer = manifest.path("layers").path(0).path("digest").asText();
    assertEquals(200, c.head("/v2/busybox/blobs/" + layer).statusCode());
    assertEquals("[\"busybox\"]", V2Client.json(c.get("/v2/_catalog")).path("repositories").toString());

    Bus.request(vertx.eventBus(), Addresses.IMAGE_TAG, new ImageRequests.Tag("busybox", "localhost:" + registry.port()
        + "/tools/bb", "1.0"), ImageSummary.class).await();
    assertEquals(header(m, "Docker-Content-Digest"), header(c.head("/v2/tools/bb/manifests/1.0"), "Docker-Content-Digest"));

    Bus.request(vertx.eventBus(), Addresses.IMAGE_REMOVE, new ImageRequests.Remove("localhost:" + registry.port()
        + "/tools/bb:1.0", false, false), Json.type(new TypeReference<List<ImageRequests.DeleteItem>>() {})).await();
    assertEquals(404, c.get("/v2/tools/bb/manifests/1.0").statusCode());
    Bus.request(vertx.eventBus(), Addresses.IMAGE_REMOVE, new ImageRequests.Remove("busybox", true, false),
        Json.type(new TypeReference<List<ImageRequests.DeleteItem>>() {})).await();
    assertEquals(404, c.get("/v2/busybox/manifests/latest").statusCode());
    assertEquals("[]", V2Client.json(c.get("/v2/_catalog")).path("repositories").toString());
  }

  @Test
  void pushedImageIsListedByDockerAndDeletesKeepBothViews() throws Exception {
    byte[] manifest = TestContent.pushImage(c, "app", "1", 500);
    String configDigest = V2Client.json(c.get("/v2/app/manifests/1")).path("config").path("digest").asText();
    List<ImageSummary> images = list();
    assertEquals(1, images.size());
    assertEquals(configDigest, images.get(0).id());
    assertEquals(List.of("app:1"), images.get(0).repoTags());

    byte[] index = TestContent.index(List.of(manifest));
    assertEquals(201, TestContent.putManifest(c, "app", "multi", index, MediaTypes.OCI_INDEX).statusCode());
    assertEquals(List.of("app:1"), list().get(0).repoTags(), "an index is not a Docker image");

    assertEquals(202, c.delete("/v2/app/manifests/1").statusCode());
    assertTrue(list().get(0).repoTags().isEmpty(), "the tag left both faces");
    assertEquals(202, c.delete("/v2/app/manifests/" + Digests.of(index)).statusCode());
    assertEquals(202, c.delete("/v2/app/manifests/" + Digests.of(manifest)).statusCode());
    assertTrue(list().isEmpty(), "the image left docker images with its last manifest");
    assertArrayEquals(new byte[0], new byte[0]);
  }

  private List<ImageSummary> list() {
    return Bus.<List<ImageSummary>>request(vertx.eventBus(), Addresses.IMAGE_LIST,
        new ImageRequests.ListImages(false, Map.of()), Json.type(SUMMARIES)).await();
  }
}
