package io.wharf.gateway.container;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.wharf.api.Addresses.NodeOp;
import io.wharf.api.Bus;
import io.wharf.api.InternalHttp;
import io.wharf.api.container.ContainerOps;
import io.wharf.api.container.ContainerRequests;
import io.wharf.api.container.ContainerSummary;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.QueryArgs;
import io.wharf.gateway.http.StreamProxy;
import java.util.function.Function;

/**
 * Docker's pause, unpause, top, update and stats routes. The first four go to the container's
 * node over the event bus; stats is a stream proxied to the node's internal endpoint.
 */
public final class ContainerOpsRoutes {
  private static final long MAX_BODY = 256 * 1024;

  private final EventBus bus;
  private final ContainerBackend backend;
  private final StreamProxy streams;

  public ContainerOpsRoutes(EventBus bus, ContainerBackend backend, StreamProxy streams) {
    this.bus = bus;
    this.backend = backend;
    this.streams = streams;
  }

  public void mount(Router r) {
    r.postWithRegex(regex("/containers/{id}/pause")).handler(this::postContainerPause);
    r.postWithRegex(regex("/containers/{id}/unpause")).handler(this::postContainerUnpause);
    r.getWithRegex(regex("/containers/{id}/top")).handler(this::getContainerTop);
    r.postWithRegex(regex("/containers/{id}/update")).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::postContainerUpdate);
    r.getWithRegex(regex("/containers/{id}/stats")).handler(this::getContainerStats);
  }

  void postContainerPause(RoutingContext ctx) {
    on(ctx, c -> request(NodeOp.CONTAINER_PAUSE, c, new ContainerRequests.Ref(c.id())).map(204));
  }

  void postContainerUnpause(RoutingContext ctx) {
    on(ctx, c -> request(NodeOp.CONTAINER_UNPAUSE, c, new ContainerRequests.Ref(c.id())).map(204));
  }

  void getContainerTop(RoutingContext ctx) {
    String psArgs = new QueryArgs(ctx.queryParams()).string("ps_args");
    resolve(ctx).compose(c -> Bus.request(bus, NodeOp.CONTAINER_TOP.on(c.nodeId()), new ContainerOps.Top(c.id(), psArgs),
            ContainerOps.TopTable.class))
        .onSuccess(t -> {
          JsonArray rows = new JsonArray();
          t.processes().forEach(p -> rows.add(new JsonArray(new java.util.ArrayList<>(p))));
          DockerResponses.json(ctx, 200, new JsonObject().put("Titles", new JsonArray(new java.util.ArrayList<>(t.titles())))
              .put("Processes", rows));
        })
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void postContainerUpdate(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    resolve(ctx).compose(c -> Bus.request(bus, NodeOp.CONTAINER_UPDATE.on(c.nodeId()),
            UpdateRequestTranslator.translate(c.id(), body == null ? null : body.toString()), ContainerOps.Updated.class))
        .onSuccess(u -> DockerResponses.json(ctx, 200, new JsonObject().put("Warnings",
            u.warnings() == null ? null : new JsonArray(u.warnings()))))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void getContainerStats(RoutingContext ctx) {
    ctx.request().pause();
    resolve(ctx).compose(c -> backend.endpoint(c).map(ep -> {
      String base = ep.baseUrl().endsWith("/") ? ep.baseUrl().substring(0, ep.baseUrl().length() - 1) : ep.baseUrl();
      String query = ctx.request().query();
      String url = base + InternalHttp.containerPath(c.id(), "stats") + (query == null || query.isEmpty() ? "" : "?" + query);
      return new NodeCall(url, ep.token());
    })).onSuccess(call -> streams.forward(ctx, HttpMethod.GET, call.url(), call.token(), false, true))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  /** An internal URL on the owning node and the token to present there. */
  private record NodeCall(String url, String token) {}

  private Future<Object> request(NodeOp op, ContainerSummary c, Object body) {
    return Bus.request(bus, op.on(c.nodeId()), body, Object.class);
  }

  private Future<ContainerSummary> resolve(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return backend.list().map(list -> ContainerDirectory.resolve(list, id));
  }

  private void on(RoutingContext ctx, Function<ContainerSummary, Future<Integer>> op) {
    resolve(ctx).compose(op::apply)
        .onSuccess(status -> DockerResponses.empty(ctx, status))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }
}
