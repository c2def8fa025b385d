package io.wharf.registry;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps.ClusterKeys;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.image.ImageRequests;
import io.wharf.registry.archive.ArchiveLoader;
import io.wharf.registry.archive.ImageImporter;
import io.wharf.registry.http.InternalRoutes;
import io.wharf.registry.ops.ImageEvents;
import io.wharf.registry.ops.ImageService;
import io.wharf.registry.ops.TagWriter;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RegistryPaths;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The image-registry-service. Config: {@code dataRoot} (required), {@code httpHost} (default
 * 127.0.0.1), {@code httpPort} (default 5000; 0 picks a free port), {@code nodeId}.
 * Opens the store, agrees on the cluster token, serves the internal HTTP endpoints, advertises
 * its URL under {@link ClusterKeys#REGISTRY_URL} and serves the IMAGE_* bus addresses. Replies:
 * LIST List&lt;ImageSummary&gt;, INSPECT ImageDetails, HISTORY List&lt;HistoryEntry&gt;, TAG the
 * tagged image's ImageSummary, REMOVE List&lt;DeleteItem&gt;.
 */
public final class ImageRegistryVerticle extends VerticleBase {
  private ImageStore store;
  private ImageService service;
  private ArchiveLoader loader;
  private ImageImporter importer;
  private io.wharf.registry.archive.ImageCommitter committer;
  private HttpServer server;

  @Override
  public Future<?> start() {
    JsonObject cfg = config();
    String dataRoot = cfg.getString("dataRoot");
    if (dataRoot == null || dataRoot.isEmpty()) {
      return Future.failedFuture(WharfException.invalid("image-registry-service: config dataRoot is required"));
    }
    String host = cfg.getString("httpHost", "127.0.0.1");
    int port = cfg.getInteger("httpPort", 5000);
    ImageEvents events = eventPublisher(cfg.getString("nodeId", "local"));
    return blocking(() -> ImageStore.open(new RegistryPaths(Path.of(dataRoot))))
        .compose(s -> {
          wire(s, events);
          return clusterToken();
        })
        .compose(token -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(new InternalRoutes(vertx, store, loader, importer, token).withCommitter(committer).router())
            .listen())
        .compose(s -> {
          server = s;
          return clusterMap().compose(m -> m.put(ClusterKeys.REGISTRY_URL, "http://" + host + ":" + s.actualPort()));
        })
        .compose(v -> {
          bindConsumers();
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port the HTTP server listens on (after start). */
  public int actualPort() {
    return server.actualPort();
  }

  private void wire(ImageStore s, ImageEvents events) {
    store = s;
    TagWriter tags = new TagWriter(s, events, ImageRegistryVerticle::nowNanos);
    service = new ImageService(s, tags, events);
    loader = new ArchiveLoader(s, tags, events);
    importer = new ImageImporter(s, tags, events, Clock.systemUTC());
    committer = new io.wharf.registry.archive.ImageCommitter(s, tags, Clock.systemUTC());
  }

  private void bindConsumers() {
    var eb = vertx.eventBus();
    Bus.serve(eb, Addresses.IMAGE_LIST, ImageRequests.ListImages.class, q -> blocking(() -> service.list(q)));
    Bus.serve(eb, Addresses.IMAGE_INSPECT, ImageRequests.Ref.class, r -> blocking(() -> service.inspect(r.name())));
    Bus.serve(eb, Addresses.IMAGE_HISTORY, ImageRequests.Ref.class, r -> blocking(() -> service.history(r.name())));
    Bus.serve(eb, Addresses.IMAGE_TAG, ImageRequests.Tag.class, t -> blocking(() -> service.tag(t)));
    Bus.serve(eb, Addresses.IMAGE_REMOVE, ImageRequests.Remove.class,
        r -> containers().compose(cs -> blocking(() -> service.remove(r, cs))));
  }

  private ImageEvents eventPublisher(String nodeId) {
    return (action, imageId, name) -> Bus.publish(vertx.eventBus(), Addresses.EVENTS,
        new WharfEvent("image", action, imageId, Map.of("name", name), nowNanos(), nodeId));
  }

  /** The cluster token: the one already in the cluster map, else ours if our putIfAbsent wins. */
  private Future<String> clusterToken() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String mine = HexFormat.of().formatHex(random);
    return clusterMap().compose(m -> m.get(ClusterKeys.TOKEN).compose(existing -> existing != null
        ? Future.succeededFuture(existing)
        : m.putIfAbsent(ClusterKeys.TOKEN, mine).map(winner -> winner != null ? winner : mine)));
  }

  private Future<AsyncMap<String, String>> clusterMap() {
    return vertx.sharedData().getAsyncMap(ClusterMaps.CLUSTER);
  }

  private Future<List<ContainerSummary>> containers() {
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CONTAINERS)
        .compose(AsyncMap::values)
        .map(values -> values.stream().map(v -> Json.read(v, ContainerSummary.class)).toList());
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
