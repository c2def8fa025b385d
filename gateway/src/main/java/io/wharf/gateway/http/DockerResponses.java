package io.wharf.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes successful Docker responses: JSON bodies, empty statuses, and the head of JSON streams. */
public final class DockerResponses {
  private DockerResponses() {}

  public static final String JSON = "application/json";

  /** A JSON body (Vert.x JsonObject/JsonArray or any value with a JSON toString) and a newline, as Go's encoder writes. */
  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(encode(body) + "\n");
  }

  public static void empty(RoutingContext ctx, int status) {
    ctx.response().setStatusCode(status).end();
  }

  /**
   * Starts a chunked JSON message stream and sends its head at once: clients block until they
   * have the head (wait, events, pull).
   */
  public static Future<Void> startJsonStream(HttpServerResponse resp) {
    resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", JSON);
    return resp.writeHead();
  }

  /** One message of a JSON stream: one object per chunk, newline-terminated. */
  public static Future<Void> streamMessage(HttpServerResponse resp, Object message) {
    return resp.write(encode(message) + "\n");
  }

  private static String encode(Object body) {
    if (body instanceof io.vertx.core.json.JsonObject o) {
      return o.encode();
    }
    if (body instanceof io.vertx.core.json.JsonArray a) {
      return a.encode();
    }
    return io.vertx.core.json.Json.encode(body);
  }
}
