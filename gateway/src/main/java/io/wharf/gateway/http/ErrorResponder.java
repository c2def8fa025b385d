package io.wharf.gateway.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an {@link ErrorCategory} becomes an HTTP status. Errors go out as Docker
 * does: {@code {"message":"..."}} with {@code Content-Type: application/json} exactly (the Go
 * client parses the body as JSON only then).
 */
public final class ErrorResponder {
  private ErrorResponder() {}

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

  public static int status(ErrorCategory category) {
    return switch (category) {
      case NOT_FOUND -> 404;
      case CONFLICT, FAILED_PRECONDITION -> 409;
      case INVALID_ARGUMENT -> 400;
      case PERMISSION_DENIED -> 403;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }

  /** Maps any failure to a category: malformed JSON bodies are INVALID_ARGUMENT. */
  public static WharfException classify(Throwable t) {
    if (t instanceof DecodeException) {
      return WharfException.invalid("invalid JSON body: " + t.getMessage());
    }
    if (t instanceof IllegalArgumentException && !(t instanceof NumberFormatException)) {
      return WharfException.invalid(t.getMessage());
    }
    if (t instanceof NumberFormatException) {
      return WharfException.invalid("invalid number: " + t.getMessage());
    }
    return WharfException.of(t);
  }

  public static void send(RoutingContext ctx, Throwable t) {
    WharfException w = classify(t);
    if (w.category() == ErrorCategory.INTERNAL) {
      LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), t);
    }
    send(ctx.response(), status(w.category()), w.getMessage());
  }

  /** Writes an error unless the response head is already out; then the stream is cut instead. */
  public static void send(HttpServerResponse resp, int status, String message) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    if (resp.headWritten()) {
      resp.reset();
      return;
    }
    resp.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", message).encode() + "\n");
  }
}
