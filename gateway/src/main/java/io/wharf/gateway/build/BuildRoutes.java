package io.wharf.gateway.build;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import io.wharf.api.node.Placement;
import io.wharf.gateway.cluster.ClusterView;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.StreamProxy;
import java.util.Map;

/**
 * {@code docker build} (the classic builder) and {@code POST /build/prune}. The scheduler picks the
 * node that runs the build; the context tar streams there (back-pressured) and the node answers
 * with Docker's build JSON message stream, which streams back unchanged. Query validation happens
 * on the node, which owns the build's meaning; here only what picks the node.
 */
public final class BuildRoutes {
  private final EventBus bus;
  private final ClusterView cluster;
  private final StreamProxy streams;
  private final BuildAffinity affinity = new BuildAffinity();

  public BuildRoutes(EventBus bus, ClusterView cluster, StreamProxy streams) {
    this.bus = bus;
    this.cluster = cluster;
    this.streams = streams;
  }

  public void mount(Router r) {
    r.postWithRegex(regex("/build")).handler(this::postBuild);
    r.postWithRegex(regex("/build/prune")).handler(this::postBuildPrune);
  }

  void postBuild(RoutingContext ctx) {
    ctx.request().pause();
    String query = ctx.request().query();
    java.util.Optional<String> key = BuildAffinity.key(ctx.queryParams().getAll("t"),
        ctx.queryParams().get("dockerfile"));
    builderNode(memory(ctx), key)
        .onSuccess(node -> streams.forward(ctx, HttpMethod.POST, node.url() + InternalHttp.BUILD_PATH
            + (query == null || query.isEmpty() ? "" : "?" + query), node.token(), true))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  /**
   * The build cache lives with the images (the registry keeps every step's image); nothing else is
   * kept between builds, so there is nothing to reclaim here. Docker's answer shape.
   */
  void postBuildPrune(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().putNull("CachesDeleted").put("SpaceReclaimed", 0).encode());
  }

  private record NodeTarget(String url, String token) {}

  /**
   * The node that last built the same tags when the scheduler still accepts it (its build cache is
   * there), else whichever node the scheduler picks.
   */
  private Future<NodeTarget> builderNode(long memory, java.util.Optional<String> key) {
    Future<Placement.Decision> preferred = key.flatMap(affinity::preferredNode)
        .map(node -> place(memory, Map.of("node.id", node)))
        .orElseGet(() -> Future.failedFuture("no preferred node"));
    return preferred.recover(err -> place(memory, Map.of()))
        .onSuccess(d -> key.ifPresent(k -> affinity.builtOn(k, d.nodeId())))
        .compose(d -> cluster.node(d.nodeId()))
        .compose(node -> cluster.setting(ClusterMaps.ClusterKeys.TOKEN).map(token -> new NodeTarget(
            node.httpUrl().endsWith("/") ? node.httpUrl().substring(0, node.httpUrl().length() - 1) : node.httpUrl(),
            token)));
  }

  private Future<Placement.Decision> place(long memory, Map<String, String> constraints) {
    return Bus.request(bus, Addresses.SCHEDULER_PLACE, new Placement.Request(memory, 0, constraints),
        Placement.Decision.class);
  }

  private static long memory(RoutingContext ctx) {
    String m = ctx.queryParams().get("memory");
    try {
      return m == null || m.isEmpty() ? 0 : Long.parseLong(m);
    } catch (NumberFormatException e) {
      throw WharfException.invalid("invalid memory value \"" + m + "\"");
    }
  }
}
