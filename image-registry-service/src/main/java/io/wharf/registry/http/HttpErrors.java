package io.wharf.registry.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;

/**
 * Error bodies of the internal HTTP endpoints, shaped like Docker's so the gateway can pass them
 * through: before the head {@code {"message": "..."}} with the category's status and
 * Content-Type exactly application/json; inside a JSON stream
 * {@code {"errorDetail":{"message":"..."},"error":"..."}}.
 */
final class HttpErrors {
  private HttpErrors() {}

  static void send(HttpServerResponse response, Throwable t) {
    WharfException w = WharfException.of(t);
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(w.category().code())
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", w.getMessage()).encode());
  }

  static String streamLine(Throwable t) {
    String message = WharfException.of(t).getMessage();
    return new JsonObject().put("errorDetail", new JsonObject().put("message", message))
        .put("error", message).encode() + "\n";
  }
}
