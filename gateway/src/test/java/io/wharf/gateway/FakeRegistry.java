package io.wharf.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.wharf.api.InternalHttp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the image-registry-service's internal HTTP endpoint: load and import count the
 * body bytes and answer with Docker's JSON message stream; get streams {@link #SAVE_SIZE} bytes;
 * pull and auth answer like a registry with one image, busybox.
 */
public final class FakeRegistry {
  public static final int SAVE_SIZE = 3 * 1024 * 1024;

  private final Vertx vertx;
  private HttpServer server;
  /** "METHOD uri" of each request received. */
  public final List<String> requests = new CopyOnWriteArrayList<>();

  public FakeRegistry(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> start(String token) {
    server = vertx.createHttpServer().requestHandler(req -> handle(req, token));
    return server.listen(0, "127.0.0.1").map(s -> "http://127.0.0.1:" + s.actualPort());
  }

  private void handle(HttpServerRequest req, String token) {
    requests.add(req.method() + " " + req.uri());
    if (!token.equals(req.getHeader(InternalHttp.TOKEN_HEADER))) {
      req.response().setStatusCode(403).end("{\"message\":\"bad token\"}");
      return;
    }
    if (req.path().endsWith("/images/get")) {
      req.response().putHeader("Content-Type", "application/x-tar").setChunked(true);
      for (int i = 0; i < SAVE_SIZE / 65536; i++) {
        req.response().write(Buffer.buffer(new byte[65536]));
      }
      req.response().end();
      return;
    }
    if (req.path().endsWith("/images/pull") || req.path().endsWith("/auth")) {
      remote(req);
      return;
    }
    long[] count = {0};
    req.handler(b -> count[0] += b.length());
    req.endHandler(v -> {
      var resp = req.response().setChunked(true).putHeader("Content-Type", "application/json");
      if (req.path().endsWith("/load")) {
        resp.write(new JsonObject().put("stream", "Loaded image: loaded:1 (" + count[0] + " bytes)\n").encode() + "\n");
      } else {
        resp.write(new JsonObject().put("status", "sha256:" + count[0] + ":" + req.getParam("repo") + ":"
            + req.getParam("tag")).encode() + "\n");
      }
      resp.end();
    });
  }

  /**
   * Pull: busybox is "up to date", anything else 404 (Docker's wording). Auth: password "good"
   * logs in, anything else is dockerd's 500. Each echoes what it received in its answer.
   */
  private void remote(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      var resp = req.response().putHeader("Content-Type", "application/json");
      if (req.path().endsWith("/auth")) {
        boolean good = "good".equals(new JsonObject(body).getString("password"));
        resp.setStatusCode(good ? 200 : 500).end(good ? new JsonObject().put("IdentityToken", "")
            .put("Status", "Login Succeeded").encode() : new JsonObject().put("message",
            "login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized").encode());
      } else if (req.getParam("fromImage").contains("busybox")) {
        resp.setChunked(true).end(new JsonObject().put("status", "Status: Image is up to date for busybox:latest")
            .put("auth", req.getHeader("X-Registry-Auth")).encode() + "\n");
      } else {
        resp.setStatusCode(404).end(new JsonObject().put("message", "manifest for " + req.getParam("fromImage")
            + ":" + req.getParam("tag") + " not found: manifest unknown: manifest unknown").encode());
      }
    });
  }
}
