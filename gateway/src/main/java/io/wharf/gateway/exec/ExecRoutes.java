package io.wharf.gateway.exec;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.wharf.api.Bus;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import io.wharf.api.Addresses.NodeOp;
import io.wharf.api.exec.ExecRequests;
import io.wharf.gateway.container.ContainerBackend;
import io.wharf.gateway.container.ContainerDirectory;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.HijackProxy;
import io.wharf.gateway.http.HijackTarget;
import io.wharf.gateway.http.QueryArgs;
import java.net.URI;

/**
 * Docker's exec routes. Create, inspect and resize go to the exec's node over the event bus; start
 * is hijacked through to the node's internal endpoint (Docker's body {@code Detach} becomes its
 * query flag). The node of an exec comes from the cluster map exec id -> node ({@link ExecLocator}).
 */
public final class ExecRoutes {
  private static final long MAX_BODY = 256 * 1024;

  private final EventBus bus;
  private final ContainerBackend containers;
  private final ExecLocator locator;
  private final HijackProxy hijacks;

  public ExecRoutes(EventBus bus, ContainerBackend containers, ExecLocator locator, HijackProxy hijacks) {
    this.bus = bus;
    this.containers = containers;
    this.locator = locator;
    this.hijacks = hijacks;
  }

  public void mount(Router r) {
    r.postWithRegex(regex("/containers/{id}/exec")).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::postContainerExec);
    r.postWithRegex(regex("/exec/{id}/start")).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::postExecStart);
    r.postWithRegex(regex("/exec/{id}/resize")).handler(this::postExecResize);
    r.getWithRegex(regex("/exec/{id}/json")).handler(this::getExecJson);
  }

  void postContainerExec(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    containers.list().map(list -> ContainerDirectory.resolve(list, ctx.pathParam("id"))).compose(c -> {
      ExecRequests.Create req = ExecJson.createRequest(c.id(), body == null ? null : body.toString());
      return Bus.request(bus, NodeOp.EXEC_CREATE.on(c.nodeId()), req, ExecRequests.Created.class);
    }).onSuccess(created -> DockerResponses.json(ctx, 201, new JsonObject().put("Id", created.id())))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void postExecStart(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    boolean detach;
    try {
      detach = detach(ctx.body().buffer());
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    ctx.request().pause();
    locator.node(id).compose(nodeId -> locator.endpoint(nodeId)).map(ep -> {
      URI uri = URI.create(ep.baseUrl());
      String path = InternalHttp.execPath(id, "start") + "?detach=" + (detach ? "1" : "0");
      return new HijackTarget("GET", uri.getHost(), uri.getPort(), path, ep.token(), null, null);
    }).onSuccess(target -> hijacks.proxy(ctx, target)).onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void postExecResize(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    QueryArgs q = new QueryArgs(ctx.queryParams());
    Future<Object> done;
    try {
      ExecRequests.Resize req = new ExecRequests.Resize(id, q.integer("h", 0), q.integer("w", 0));
      done = locator.node(id).compose(nodeId -> Bus.request(bus, NodeOp.EXEC_RESIZE.on(nodeId), req, Object.class));
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onSuccess(v -> DockerResponses.empty(ctx, 200)).onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void getExecJson(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    locator.node(id).compose(nodeId -> Bus.request(bus, NodeOp.EXEC_INSPECT.on(nodeId), new ExecRequests.Ref(id),
            ExecRequests.Details.class))
        .onSuccess(d -> DockerResponses.json(ctx, 200, ExecJson.inspect(d)))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  private static boolean detach(Buffer body) {
    if (body == null || body.length() == 0) {
      return false;
    }
    try {
      Object v = new JsonObject(body).getValue("Detach");
      return Boolean.TRUE.equals(v);
    } catch (RuntimeException e) {
      throw WharfException.invalid("invalid JSON: " + e.getMessage());
    }
  }
}
