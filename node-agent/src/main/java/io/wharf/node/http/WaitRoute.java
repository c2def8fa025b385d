package io.wharf.node.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.wharf.node.ContainerRecord;
import io.wharf.node.NodeContext;
import io.wharf.node.WaitCondition;

/**
 * {@code POST .../wait?condition=}: the response head goes out at once (the docker CLI waits for it
 * before it starts the container), the body {@code {"Error":null,"StatusCode":N}} when the
 * condition is met.
 */
final class WaitRoute {
  private final NodeContext node;

  WaitRoute(NodeContext node) {
    this.node = node;
  }

  void handle(HttpServerRequest req, String id) {
    ContainerRecord r = node.store().require(id);
    WaitCondition condition = WaitCondition.parse(req.getParam("condition"));
    Future<Integer> done = switch (condition) {
      case NOT_RUNNING -> r.state().isLive() ? node.waiters().nextExit(id) : Future.succeededFuture(r.exitCode());
      case NEXT_EXIT -> node.waiters().nextExit(id);
      case REMOVED -> node.waiters().removal(id);
    };
    req.response().setChunked(true).putHeader("Content-Type", "application/json");
    req.response().writeHead();
    done.onComplete(ar -> {
      JsonObject body = new JsonObject().putNull("Error").put("StatusCode", ar.succeeded() ? ar.result() : -1);
      if (ar.failed()) {
        body.put("Error", new JsonObject().put("Message", ar.cause().getMessage()));
      }
      req.response().end(body.encode() + "\n");
    });
  }
}
