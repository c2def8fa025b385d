package io.wharf.registry.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * One more HTTP server on the registry's host:port, on its own event loop: Vert.x spreads the
 * connections of servers sharing an address over their event loops, so blob streaming (sendfile
 * runs in the event loop thread) and request handling use every core. Serves the same router.
 */
public final class EventLoopServer extends VerticleBase {
  private final HttpServerOptions options;
  private final Handler<HttpServerRequest> handler;

  public EventLoopServer(HttpServerOptions options, Handler<HttpServerRequest> handler) {
    this.options = options;
    this.handler = handler;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options).requestHandler(handler).listen();
  }
}
