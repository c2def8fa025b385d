package io.wharf.registry.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Vertx;
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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docker push / docker pull as the gateway drives them (internal pull and push endpoints), between
 * three registries each on its own Vert.x: A pushes to B, C pulls from B; A pushing to itself
 * transfers nothing.
 */
class RemoteImagesTest {
  private static final TypeReference<List<ImageSummary>> SUMMARIES = new TypeReference<>() {};
  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<RegistryFixture> registries = new ArrayList<>();

  @AfterEach
  void stop() {
    registries.forEach(RegistryFixture::close);
    vertxes.forEach(v -> v.close().await());
  }

  private RegistryFixture start(String name) throws Exception {
    Vertx v = Vertx.vertx();
    vertxes.add(v);
    RegistryFixture r = RegistryFixture.start(v, name, null);
    registries.add(r);
    return r;
  }

  private static String token(RegistryFixture r) {
    return r.vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CLUSTER).await().get(ClusterKeys.TOKEN).await();
  }

  private static HttpResponse<byte[]> internal(RegistryFixture r, String path, byte[] body) throws Exception {
    return r.client.send("POST", InternalHttp.PREFIX + path, body, Map.of(InternalHttp.TOKEN_HEADER, token(r)));
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void pushToAnotherRegistryPullFromItAndPushToItself() throws Exception {
    RegistryFixture a = start("remote-a");
    RegistryFixture b = start("remote-b");
    RegistryFixture c = start("remote-c");
    byte[] tar = Files.readAllBytes(TestImages.busyboxTar(a.root.resolve("bb.tar"), "busybox:latest"));
    assertEquals(200, internal(a, "/images/load?quiet=1", tar).statusCode());
    String target = "127.0.0.1:" + b.port() + "/copied/bb";
    Bus.request(a.vertx.eventBus(), Addresses.IMAGE_TAG, new ImageRequests.Tag("busybox", target, "1"), ImageSummary.class).await();

    HttpResponse<byte[]> pushed = internal(a, "/images/push?name=" + q(target) + "&tag=1", null);
    String pushLog = new String(pushed.body(), StandardCharsets.UTF_8);
    assertEquals(200, pushed.statusCode(), pushLog);
    assertTrue(pushLog.startsWith("{\"status\":\"The push refers to repository [" + target + "]\"}\r\n"), pushLog);
    assertTrue(pushLog.contains("\"status\":\"Pushed\""), pushLog);
    assertTrue(pushLog.contains("\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:"), pushLog);
    assertEquals(200, b.client.get("/v2/copied/bb/manifests/1").statusCode());

    HttpResponse<byte[]> pulled = internal(c, "/images/pull?fromImage=" + q(target) + "&tag=1", null);
    String pullLog = new String(pulled.body(), StandardCharsets.UTF_8);
    assertEquals(200, pulled.statusCode(), pullLog);
    assertTrue(pullLog.startsWith("{\"status\":\"Pulling from copied/bb\",\"id\":\"1\"}\r\n"), pullLog);
    assertTrue(pullLog.contains("\"status\":\"Pull complete\""), pullLog);
    assertTrue(pullLog.endsWith("{\"status\":\"Status: Downloaded newer image for " + target + ":1\"}\r\n"), pullLog);
    List<ImageSummary> onC = Bus.<List<ImageSummary>>request(c.vertx.eventBus(), Addresses.IMAGE_LIST,
        new ImageRequests.ListImages(false, Map.of()), Json.type(SUMMARIES)).await();
    assertEquals(List.of(target + ":1"), onC.get(0).repoTags());
    String again = new String(internal(c, "/images/pull?fromImage=" + q(target) + "&tag=1", null).body());
    assertTrue(again.contains("Already exists") && again.contains("Image is up to date"), again);

    HttpResponse<byte[]> missing = internal(c, "/images/pull?fromImage=" + q(target) + "&tag=nosuch", null);
    assertEquals(404, missing.statusCode());
    assertEquals("{\"message\":\"manifest for " + target + ":nosuch not found: manifest unknown: manifest unknown\"}",
        new String(missing.body()));
    HttpResponse<byte[]> notLocal = internal(c, "/images/push?name=" + q("127.0.0.1:1/nothing") + "&tag=1", null);
    assertEquals(404, notLocal.statusCode());

    String self = "127.0.0.1:" + a.port() + "/self/bb";
    Bus.request(a.vertx.eventBus(), Addresses.IMAGE_TAG, new ImageRequests.Tag("busybox", self, "2"), ImageSummary.class).await();
    String selfLog = new String(internal(a, "/images/push?name=" + q(self) + "&tag=2", null).body());
    assertTrue(selfLog.contains("Layer already exists") && !selfLog.contains("\"Pushed\""), selfLog);
    assertEquals(200, a.client.get("/v2/self/bb/manifests/2").statusCode());
  }
}
