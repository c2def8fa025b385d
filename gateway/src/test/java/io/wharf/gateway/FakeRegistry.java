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
 * body bytes and answer with Docker's JSON message stream; get streams {@link #SAVE_SIZE} bytes.
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
}
