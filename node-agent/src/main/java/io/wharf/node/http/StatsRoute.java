package io.wharf.node.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wharf.node.ContainerRecord;
import io.wharf.node.NodeContext;
import io.wharf.node.stats.CgroupPaths;
import io.wharf.node.stats.CgroupStats;
import io.wharf.node.stats.StatsJson;
import io.wharf.node.stats.StatsSample;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET .../stats?stream=&one-shot=}: Docker's stats documents from the container's cgroup.
 * {@code stream=1} (default) sends one document per second until the client leaves or the
 * container is removed. {@code stream=0} answers one document; its precpu comes from the last
 * sample this node took of the container (so {@code docker stats --no-stream} over many containers
 * answers at once), or from a second sample {@link #SECOND_SAMPLE_MS} later when there is none
 * ({@code one-shot=1}: no second sample, precpu empty).
 */
final class StatsRoute {
  static final long STREAM_PERIOD_MS = 1000;
  static final long SECOND_SAMPLE_MS = 500;
  private static final long FRESH_NANOS = 30_000_000_000L;

  private final NodeContext node;
  private final CgroupStats stats;
  private final Map<String, StatsSample> last = new ConcurrentHashMap<>();

  StatsRoute(NodeContext node) {
    this.node = node;
    this.stats = new CgroupStats(io.wharf.node.HostFacts.read().memTotal(), Path.of("/proc/stat"));
    // forget the last sample of removed containers
    node.vertx().eventBus().<io.vertx.core.buffer.Buffer>localConsumer(io.wharf.api.Addresses.EVENTS, msg -> {
      try {
        io.wharf.api.event.WharfEvent e = io.wharf.api.Json.read(msg.body().getBytes(), io.wharf.api.event.WharfEvent.class);
        if ("destroy".equals(e.action())) {
          last.remove(e.actorId());
        }
      } catch (RuntimeException ignored) {
        // not an event this route cares about
      }
    });
  }

  void handle(HttpServerRequest req, String id) {
    ContainerRecord r = node.store().require(id);
    boolean stream = QueryFlags.flag(req.params(), "stream", true);
    boolean oneShot = QueryFlags.flag(req.params(), "one-shot", false);
    HttpServerResponse resp = req.response().putHeader("Content-Type", "application/json");
    if (!stream) {
      StatsSample prev = fresh(id);
      Future<StatsSample> first = prev != null || oneShot ? Future.succeededFuture(prev) : delayedPair(r);
      first.compose(p -> sample(r).compose(now -> networks(r).map(nets -> StatsJson.of(id, r.name(), now, p, nets))))
          .onSuccess(doc -> resp.end(doc.encode() + "\n"))
          .onFailure(t -> NodeHttpServer.error(req, t));
      return;
    }
    resp.setChunked(true);
    resp.writeHead();
    streamNext(req, resp, id);
  }

  private void streamNext(HttpServerRequest req, HttpServerResponse resp, String id) {
    ContainerRecord r = node.store().get(id).orElse(null);
    if (r == null || resp.closed() || resp.ended()) {
      if (!resp.ended() && !resp.closed()) {
        resp.end();
      }
      return;
    }
    StatsSample prev = fresh(id);
    sample(r).compose(now -> networks(r).map(nets -> StatsJson.of(id, r.name(), now, prev, nets))).onSuccess(doc -> {
      if (resp.closed()) {
        return;
      }
      resp.write(doc.encode() + "\n");
      node.vertx().setTimer(STREAM_PERIOD_MS, t -> streamNext(req, resp, id));
    }).onFailure(t -> resp.reset());
  }

  /** The first sample of a pair, taken SECOND_SAMPLE_MS before the caller's. */
  private Future<StatsSample> delayedPair(ContainerRecord r) {
    return sample(r).compose(s -> {
      io.vertx.core.Promise<StatsSample> p = io.vertx.core.Promise.promise();
      node.vertx().setTimer(SECOND_SAMPLE_MS, t -> p.complete(s));
      return p.future();
    });
  }

  private StatsSample fresh(String id) {
    StatsSample s = last.get(id);
    return s != null && System.currentTimeMillis() * 1_000_000L - s.readNanos() < FRESH_NANOS ? s : null;
  }

  private Future<StatsSample> sample(ContainerRecord r) {
    return node.workers().executeBlocking(() -> {
      StatsSample s = stats.read(live(r) ? CgroupPaths.forContainer(r.id(), r.pid()) : CgroupPaths.none(),
          System.currentTimeMillis() * 1_000_000L);
      if (node.store().get(r.id()).isPresent()) {
        last.put(r.id(), s);
      } else {
        last.remove(r.id());
      }
      return s;
    }, false);
  }

  /** The interfaces of the container's network namespace (none when it has no process). */
  private Future<java.util.Map<String, io.wharf.node.stats.NetDevCounters>> networks(ContainerRecord r) {
    if (!live(r)) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return node.workers().executeBlocking(
        () -> io.wharf.node.stats.NetDevCounters.read(Path.of("/proc", Integer.toString(r.pid()), "net", "dev")), false);
  }

  private static boolean live(ContainerRecord r) {
    return r.state().isLive() && r.pid() > 0; // a RESTARTING container has no process (zeros, as Docker)
  }
}
