package io.wharf.registry.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import io.wharf.registry.remote.ImagePuller;
import io.wharf.registry.remote.ImagePusher;
import io.wharf.registry.remote.RegistryLogin;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Pull from and push to registries, for the gateway's {@code POST /images/create?fromImage=} and
 * {@code POST /images/{name}/push}: same query parameters and {@code X-Registry-Auth} header as
 * Docker, Docker's JSON progress stream back. A failure before the first message is a plain error
 * ({@code {"message"}} with its status: 404 "manifest for x not found", "An image does not exist
 * locally with the tag"); later failures end the stream with an errorDetail line. Token-checked
 * like every internal route (the router's /internal/v1/* guard).
 *
 * <pre>
 *   POST /internal/v1/images/pull?fromImage=&amp;tag=&amp;platform=     X-Registry-Auth optional
 *        &amp;allTags=1: a fromImage without tag or digest pulls every tag (docker pull --all-tags)
 *   POST /internal/v1/images/push?name=&amp;tag=                       X-Registry-Auth optional
 *   POST /internal/v1/auth   {username, password, serveraddress}     docker login
 * </pre>
 */
public final class RemoteImageRoutes {
  private final Vertx vertx;
  private final ImagePuller puller;
  private final ImagePusher pusher;
  private final RegistryLogin login;

  public RemoteImageRoutes(Vertx vertx, ImagePuller puller, ImagePusher pusher, RegistryLogin login) {
    this.vertx = vertx;
    this.puller = puller;
    this.pusher = pusher;
    this.login = login;
  }

  public void mount(Router router) {
    router.post(InternalHttp.PREFIX + "/images/pull").handler(this::postImagesPull);
    router.post(InternalHttp.PREFIX + "/images/push").handler(this::postImagesPush);
    router.post(InternalHttp.PREFIX + "/auth").handler(this::postAuth);
  }

  /** docker login: body {username, password, serveraddress}; a plain JSON answer, no stream. */
  private void postAuth(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    ctx.request().body()
        .map(b -> {
          try {
            return new JsonObject(b);
          } catch (RuntimeException e) {
            throw WharfException.invalid("invalid JSON body for /auth: " + e.getMessage());
          }
        })
        .compose(body -> vertx.executeBlocking(() -> login.login(body), false))
        .onSuccess(answer -> response.putHeader("Content-Type", "application/json").end(answer.encode()))
        .onFailure(t -> HttpErrors.send(response, t));
  }

  private void postImagesPull(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String from = req.getParam("fromImage");
    String tag = req.getParam("tag");
    String platform = req.getParam("platform");
    String auth = req.getHeader("X-Registry-Auth");
    String chosen = platform == null || platform.isEmpty() ? null : platform;
    if ("1".equals(req.getParam("allTags")) && ImagePuller.isNameOnly(from, tag)) {
      stream(ctx, sink -> puller.pullAllTags(from, chosen, auth, sink));
      return;
    }
    stream(ctx, sink -> puller.pull(from, tag, chosen, auth, sink));
  }

  private void postImagesPush(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String name = req.getParam("name");
    String tag = req.getParam("tag");
    String auth = req.getHeader("X-Registry-Auth");
    stream(ctx, sink -> pusher.push(name, tag, auth, sink));
  }

  /** Runs {@code work} on a worker; its lines go out on the request's context, in order. */
  private void stream(RoutingContext ctx, Consumer<Consumer<String>> work) {
    HttpServerResponse response = ctx.response();
    Context context = vertx.getOrCreateContext();
    AtomicBoolean started = new AtomicBoolean();
    Consumer<String> sink = line -> {
      boolean first = started.compareAndSet(false, true);
      context.runOnContext(v -> {
        if (first) {
          response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
        }
        response.write(line);
      });
    };
    vertx.executeBlocking(() -> {
      work.accept(sink);
      return null;
    }, false).onComplete(ar -> context.runOnContext(v -> {
      if (ar.succeeded()) {
        response.end();
      } else if (!started.get()) {
        HttpErrors.send(response, ar.cause());
      } else {
        response.end(HttpErrors.streamLine(ar.cause()));
      }
    }));
  }
}
