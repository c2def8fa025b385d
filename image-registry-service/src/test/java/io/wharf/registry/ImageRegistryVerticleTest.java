package io.wharf.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps.ClusterKeys;
import io.wharf.api.ClusterMaps;
import io.wharf.api.ErrorCategory;
import io.wharf.api.InternalHttp;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.registry.store.DurableFiles;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verticle over real HTTP and a (local) event bus: load, list, inspect, save, blobs, import, rmi. */
@ExtendWith(VertxExtension.class)
class ImageRegistryVerticleTest {
  private static final TypeReference<List<ImageSummary>> SUMMARIES = new TypeReference<>() {};
  private static final TypeReference<List<HistoryEntry>> HISTORY = new TypeReference<>() {};
  private static final TypeReference<List<ImageRequests.DeleteItem>> DELETED = new TypeReference<>() {};

  /** HTTP/1.1 like the gateway and the docker CLI (the JDK client would otherwise try h2c). */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Path root;
  private byte[] busybox;
  private String url;
  private String token;
  private final List<WharfEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    root = TestImages.freshDir("verticle");
    busybox = Files.readAllBytes(TestImages.busyboxTar(root.resolve("busybox.tar"), "busybox:latest"));
    vertx.eventBus().<Buffer>consumer(Addresses.EVENTS,
        m -> events.add(Json.read(m.body().getBytes(), WharfEvent.class)));
    JsonObject config = new JsonObject().put("dataRoot", root.resolve("data").toString())
        .put("httpPort", 0).put("nodeId", "n1");
    vertx.deployVerticle(new ImageRegistryVerticle(), new DeploymentOptions().setConfig(config)).await();
    var cluster = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CLUSTER).await();
    url = cluster.get(ClusterKeys.REGISTRY_URL).await();
    token = cluster.get(ClusterKeys.TOKEN).await();
  }

  @AfterEach
  void cleanUp() {
    DurableFiles.deleteTree(root);
  }

  private HttpResponse<byte[]> send(String method, String path, byte[] body, boolean withToken) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + InternalHttp.PREFIX + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofInputStream(() -> TestImages.stream(body)));
    if (withToken) {
      b.header(InternalHttp.TOKEN_HEADER, token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String load(byte[] tar) throws Exception {
    HttpResponse<byte[]> r = send("POST", "/images/load?quiet=1", tar, true);
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Events are published, not replied: they may arrive just after the operation's answer. */
  private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void loadListInspectSaveReload(Vertx vertx) throws Exception {
    assertEquals("{\"stream\":\"Loaded image: busybox:latest\\n\"}\n", load(busybox));
    assertTrue(eventually(() -> events.stream().anyMatch(e -> e.action().equals("tag") && e.type().equals("image")
        && "busybox:latest".equals(e.attributes().get("name")) && "n1".equals(e.nodeId()))), events.toString());

    var eb = vertx.eventBus();
    List<ImageSummary> list = Bus.<List<ImageSummary>>request(eb, Addresses.IMAGE_LIST,
        new ImageRequests.ListImages(false, Map.of("reference", List.of("busy*"))), Json.type(SUMMARIES)).await();
    assertEquals(List.of("busybox:latest"), list.get(0).repoTags());
    String id = list.get(0).id();
    ImageDetails d = Bus.request(eb, Addresses.IMAGE_INSPECT, new ImageRequests.Ref("busybox"),
        ImageDetails.class).await();
    assertEquals(id, d.summary().id());
    List<HistoryEntry> h = Bus.<List<HistoryEntry>>request(eb, Addresses.IMAGE_HISTORY,
        new ImageRequests.Ref(id.substring(7, 19)), Json.type(HISTORY)).await();
    assertEquals(2, h.size());
    ImageSummary tagged = Bus.request(eb, Addresses.IMAGE_TAG,
        new ImageRequests.Tag("busybox", "docker.io/library/myimg", "tagged"), ImageSummary.class).await();
    assertEquals(List.of("busybox:latest", "myimg:tagged"), tagged.repoTags());
    WharfException e = assertThrows(WharfException.class, () -> Bus.request(eb, Addresses.IMAGE_INSPECT,
        new ImageRequests.Ref("nosuch"), ImageDetails.class).await());
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
    assertEquals("No such image: nosuch:latest", e.getMessage());

    HttpResponse<byte[]> saved = send("GET", "/images/get?names=" + q("myimg:tagged") + "&names=busybox", null, true);
    assertEquals(200, saved.statusCode());
    assertEquals("application/x-tar", saved.headers().firstValue("Content-Type").orElse(""));
    JsonNode manifest = Json.MAPPER.readTree(TestImages.members(saved.body()).get("manifest.json"));
    assertEquals("[\"myimg:tagged\",\"busybox:latest\"]", manifest.get(0).get("RepoTags").toString());
    assertEquals("{\"stream\":\"Loaded image: myimg:tagged\\n\"}\n{\"stream\":\"Loaded image: busybox:latest\\n\"}\n",
        load(saved.body()));

    HttpResponse<byte[]> missing = send("GET", "/images/get?names=busybox&names=nosuch", null, true);
    assertEquals(404, missing.statusCode());
    assertEquals("application/json", missing.headers().firstValue("Content-Type").orElse(""));
    assertEquals("{\"message\":\"No such image: nosuch:latest\"}", new String(missing.body()));
  }

  @Test
  void servesBlobsToHoldersOfTheToken(Vertx vertx) throws Exception {
    load(busybox);
    ImageDetails d = Bus.request(vertx.eventBus(), Addresses.IMAGE_INSPECT, new ImageRequests.Ref("busybox"),
        ImageDetails.class).await();
    String layer = d.layers().get(0).digest();
    HttpResponse<byte[]> r = send("GET", "/blobs/" + layer, null, true);
    assertEquals(200, r.statusCode());
    assertEquals(layer, io.wharf.registry.store.Digests.of(r.body()));
    HttpResponse<byte[]> head = send("HEAD", "/blobs/" + layer, null, true);
    assertEquals(200, head.statusCode());
    assertEquals(String.valueOf(r.body().length), head.headers().firstValue("Content-Length").orElse(""));
    assertEquals(0, head.body().length);
    assertEquals(404, send("GET", "/blobs/sha256:" + "0".repeat(64), null, true).statusCode());
    assertEquals(400, send("GET", "/blobs/sha256:nothex", null, true).statusCode());
    assertEquals(403, send("GET", "/blobs/" + layer, null, false).statusCode());
  }

  @Test
  void importsOverHttp(Vertx vertx) throws Exception {
    HttpResponse<byte[]> r = send("POST", "/images/import?repo=" + q("imported:1") + "&changes="
        + q("CMD [\"/bin/sh\"]") + "&changes=" + q("ENV A=1"), TestImages.gzip(ImageLifecycleTest.rootfs()), true);
    assertEquals(200, r.statusCode(), new String(r.body()));
    String id = Json.MAPPER.readTree(r.body()).get("status").asText();
    assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
    ImageDetails d = Bus.request(vertx.eventBus(), Addresses.IMAGE_INSPECT, new ImageRequests.Ref("imported:1"),
        ImageDetails.class).await();
    assertEquals(id, d.summary().id());
    assertEquals(List.of("/bin/sh"), d.config().cmd());

    HttpResponse<byte[]> bad = send("POST", "/images/import?repo=x&changes=" + q("FROM scratch"),
        ImageLifecycleTest.rootfs(), true);
    assertEquals(400, bad.statusCode());
    assertEquals("{\"message\":\"from is not a valid change command\"}", new String(bad.body()));
  }

  @Test
  void streamsBigBodiesBothWays() throws Exception {
    byte[] big = new byte[12 * 1024 * 1024];
    new java.util.Random(42).nextBytes(big);
    byte[] rootfs = TestImages.tar(Map.of("big.bin", big));
    HttpResponse<byte[]> r = send("POST", "/images/import?repo=big:1", rootfs, true);
    assertEquals(200, r.statusCode(), new String(r.body()));
    HttpResponse<byte[]> saved = send("GET", "/images/get?names=big", null, true);
    assertEquals(200, saved.statusCode());
    assertTrue(saved.body().length > big.length, "saved " + saved.body().length);
    assertEquals("{\"stream\":\"Loaded image: big:1\\n\"}\n", load(saved.body()));
  }

  @Test
  void badLoadReportsInStreamAndLeavesNothing(Vertx vertx) throws Exception {
    String body = load("garbage".repeat(1000).getBytes());
    JsonNode msg = Json.MAPPER.readTree(body);
    assertTrue(msg.get("error").asText().startsWith("invalid"), body);
    assertEquals(msg.get("error"), msg.get("errorDetail").get("message"));
    List<ImageSummary> list = Bus.<List<ImageSummary>>request(vertx.eventBus(), Addresses.IMAGE_LIST,
        new ImageRequests.ListImages(true, Map.of()), Json.type(SUMMARIES)).await();
    assertTrue(list.isEmpty());
    Path registry = root.resolve("data").resolve("registry");
    assertEquals(0, TestImages.countFiles(registry.resolve("blobs")));
    assertEquals(0, TestImages.countFiles(registry.resolve("tmp")));
  }

  @Test
  void removeChecksContainersInTheClusterMap(Vertx vertx) throws Exception {
    load(busybox);
    var eb = vertx.eventBus();
    ImageDetails d = Bus.request(eb, Addresses.IMAGE_INSPECT, new ImageRequests.Ref("busybox"),
        ImageDetails.class).await();
    String cid = "ca4e6039eef0" + "2".repeat(52);
    ContainerSummary c = new ContainerSummary(cid, "c1", "n1", "busybox", d.summary().id(), "sh", 0,
        ContainerState.EXITED, 0, 0, 0, Map.of(), "default", false, 0);
    var containers = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CONTAINERS).await();
    containers.put(cid, Json.string(c)).await();
    WharfException e = assertThrows(WharfException.class, () -> Bus.request(eb, Addresses.IMAGE_REMOVE,
        new ImageRequests.Remove("busybox", false, false), Json.type(DELETED)).await());
    assertEquals(ErrorCategory.CONFLICT, e.category());
    assertEquals("conflict: unable to remove repository reference \"busybox\" (must force) - container "
        + "ca4e6039eef0 is using its referenced image " + d.summary().id().substring(7, 19), e.getMessage());
    containers.remove(cid).await();
    List<ImageRequests.DeleteItem> deleted = Bus.<List<ImageRequests.DeleteItem>>request(eb,
        Addresses.IMAGE_REMOVE, new ImageRequests.Remove("busybox", false, false), Json.type(DELETED)).await();
    assertEquals(List.of(new ImageRequests.DeleteItem("busybox:latest", null),
        new ImageRequests.DeleteItem(null, d.summary().id())), deleted);
    assertTrue(eventually(() -> events.stream().anyMatch(ev -> ev.action().equals("delete"))), events.toString());
  }
}
