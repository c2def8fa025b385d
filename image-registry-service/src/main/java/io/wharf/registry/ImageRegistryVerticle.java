package io.wharf.registry;

import io.vertx.core.DeploymentOptions;
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
import io.wharf.registry.distribution.GarbageCollector;
import io.wharf.registry.v2.DistributionRoutes;
import io.vertx.ext.web.Router;
import io.wharf.api.InternalHttp;
import io.wharf.registry.http.EventLoopServer;
import io.wharf.registry.http.InternalRoutes;
import io.wharf.registry.http.RemoteImageRoutes;
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
 * 127.0.0.1), {@code httpPort} (default 5000; 0 picks a free port), {@code nodeId}, and the /v2
 * registry keys read by {@link DistributionSetup} (see the module README).
 * Opens the store, agrees on the cluster token, serves the internal HTTP endpoints and the OCI
 * distribution API (/v2, /token) on the same server, runs garbage collection, advertises
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
  private DistributionSetup distribution;
  private Router router;
  private long timer = -1;

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
    return blocking(() -> {
      ImageStore s = ImageStore.open(new RegistryPaths(Path.of(dataRoot)));
      wire(s, events, cfg);
      return s;
    })
        .compose(s -> clusterToken())
        .compose(token -> {
          router = router(token);
          return vertx.createHttpServer(serverOptions(cfg, host, port)).requestHandler(router).listen();
        })
        .compose(s -> {
          server = s;
          distribution.listening(host, s.actualPort(), cfg);
          return moreEventLoops(cfg, host);
        })
        .compose(v -> {
          return blocking(() -> {
            distribution.dockerFace.syncAll(store);
            distribution.uploads.purgeStale(distribution.uploadMaxAgeMillis);
            return null;
          });
        })
        .compose(v -> clusterMap().compose(m -> m.put(ClusterKeys.REGISTRY_URL, "http://" + host + ":" + server.actualPort())))
        .compose(v -> {
          bindConsumers();
          startMaintenance();
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /**
   * Config httpEventLoops (default: the number of cores): servers sharing the listening socket, one
   * per event loop. Only for a fixed port: Vert.x shares a socket by the requested address, and
   * port-0 servers would each get another random port.
   */
  private Future<?> moreEventLoops(JsonObject cfg, String host) {
    int port = cfg.getInteger("httpPort", 5000);
    int more = cfg.getInteger("httpEventLoops", Runtime.getRuntime().availableProcessors()) - 1;
    if (more <= 0 || port == 0) {
      return Future.succeededFuture();
    }
    HttpServerOptions options = serverOptions(cfg, host, port);
    return vertx.deployVerticle(() -> new EventLoopServer(options, router), new DeploymentOptions().setInstances(more));
  }

  /** Idle timeout against stalled clients; socket buffers sized for blob streaming (0 = kernel default). */
  private static HttpServerOptions serverOptions(JsonObject cfg, String host, int port) {
    HttpServerOptions o = new HttpServerOptions().setHost(host).setPort(port)
        .setIdleTimeout(cfg.getInteger("idleTimeoutSeconds", 300));
    int send = cfg.getInteger("sendBufferBytes", 0);
    int receive = cfg.getInteger("receiveBufferBytes", 0);
    if (send > 0) {
      o.setSendBufferSize(send);
    }
    if (receive > 0) {
      o.setReceiveBufferSize(receive);
    }
    return o;
  }

  /** Runs one garbage collection now (also reachable as POST /internal/v1/registry/gc). */
  public Future<GarbageCollector.Report> collectGarbage() {
    return blocking(distribution.collector::run);
  }

  private Router router(String token) {
    Router router = new InternalRoutes(vertx, store, loader, importer, token).withCommitter(committer)
        .withDeriver(new io.wharf.registry.archive.ImageDeriver(store)).router();
    router.post(InternalHttp.PREFIX + "/registry/gc").handler(ctx -> collectGarbage()
        .onFailure(ctx::fail)
        .onSuccess(r -> ctx.response().putHeader("Content-Type", "application/json").end(Json.buffer(r))));
    new RemoteImageRoutes(vertx, distribution.puller, distribution.pusher, distribution.login).mount(router);
    new DistributionRoutes(vertx, distribution.services,
        config().getInteger("blobChunkBytes", DistributionRoutes.DEFAULT_BLOB_CHUNK_BYTES)).mount(router);
    return router;
  }

  /** Garbage collection every gc.intervalSeconds (when set), else an hourly purge of stale uploads. */
  private void startMaintenance() {
    long every = distribution.gcIntervalMillis > 0 ? distribution.gcIntervalMillis : 3_600_000L;
    timer = vertx.setPeriodic(every, id -> blocking(() -> distribution.gcIntervalMillis > 0
        ? distribution.collector.run() : distribution.uploads.purgeStale(distribution.uploadMaxAgeMillis)));
  }

  /** The port the HTTP server listens on (after start). */
  public int actualPort() {
    return server.actualPort();
  }

  private void wire(ImageStore s, ImageEvents events, JsonObject cfg) {
    store = s;
    TagWriter tags = new TagWriter(s, events, ImageRegistryVerticle::nowNanos);
    distribution = new DistributionSetup(cfg, s, tags, events);
    s.setListener(distribution.dockerFace);
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
