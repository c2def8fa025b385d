package io.wharf.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verticle over real (local) Vert.x shared-data maps, driven through the event bus. */
@ExtendWith(VertxExtension.class)
class SchedulerVerticleTest {
  private static final Placement.Request ANY = new Placement.Request(0, 0, Map.of());

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new SchedulerVerticle()).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void placesOnTheLeastBusyLiveNode(Vertx vertx, VertxTestContext ctx) {
    long now = System.currentTimeMillis();
    putNode(vertx, "n1", now)
        .compose(v -> putNode(vertx, "n2", now))
        .compose(v -> putNode(vertx, "dead", now - 60_000))
        .compose(v -> putContainer(vertx, "c1", "n1"))
        .compose(v -> place(vertx, ANY))
        .onComplete(ctx.succeeding(d -> ctx.verify(() -> {
          assertEquals("n2", d.nodeId());
          ctx.completeNow();
        })));
  }

  @Test
  void failsWithTheRejectionCounts(Vertx vertx, VertxTestContext ctx) {
    long now = System.currentTimeMillis();
    putNode(vertx, "n1", now)
        .compose(v -> place(vertx, new Placement.Request(0, 0, Map.of("node.name", "n9"))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          WharfException w = (WharfException) e;
          assertEquals(ErrorCategory.FAILED_PRECONDITION, w.category());
          assertEquals("no suitable node (1 node: 1 constraints not met)", w.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void skipsMalformedMapEntries(Vertx vertx, VertxTestContext ctx) {
    long now = System.currentTimeMillis();
    map(vertx, ClusterMaps.NODES).compose(m -> m.put("junk", "{not json"))
        .compose(v -> putNode(vertx, "n1", now))
        .compose(v -> place(vertx, ANY))
        .onComplete(ctx.succeeding(d -> ctx.verify(() -> {
          assertEquals("n1", d.nodeId());
          ctx.completeNow();
        })));
  }

  private static Future<Placement.Decision> place(Vertx vertx, Placement.Request request) {
    return Bus.request(vertx.eventBus(), Addresses.SCHEDULER_PLACE, request, Placement.Decision.class);
  }

  private static Future<Void> putNode(Vertx vertx, String id, long heartbeat) {
    NodeRecord node = new NodeRecord(id, id, "http://127.0.0.1:1", 2, 1L << 32, "6.1", "Debian",
        Map.of(), heartbeat);
    return map(vertx, ClusterMaps.NODES).compose(m -> m.put(id, Json.string(node)));
  }

  private static Future<Void> putContainer(Vertx vertx, String id, String nodeId) {
    ContainerSummary c = new ContainerSummary(id, "name-" + id, nodeId, "busybox", "sha256:1", "sh",
        1, ContainerState.RUNNING, 0, 1, 0, Map.of(), "none", false, 0);
    return map(vertx, ClusterMaps.CONTAINERS).compose(m -> m.put(id, Json.string(c)));
  }

  private static Future<AsyncMap<String, String>> map(Vertx vertx, String name) {
    return vertx.sharedData().getAsyncMap(name);
  }
}
