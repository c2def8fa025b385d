package io.wharf.registry.v2;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI error envelope {@code {"errors":[{"code","message","detail"}]}} with the code's status;
 * a 401 carries the challenge. Failures that are not protocol errors map by category (NOT_FOUND
 * = NAME_UNKNOWN, PERMISSION_DENIED = DENIED, INVALID_ARGUMENT = UNSUPPORTED, others UNKNOWN with
 * their status). A request body nobody read is drained so the connection can be reused.
 */
final class OciErrors {
  private static final Logger LOG = LoggerFactory.getLogger(OciErrors.class);

  private OciErrors() {}

  @SuppressWarnings("unchecked")
  static void send(HttpServerRequest request, Throwable t, Function<String, String> challenge, String scope) {
    HttpServerResponse response = request.response();
    drain(request);
    if (response.headWritten()) {
      response.reset();
      return;
    }
    int status;
    String code;
    String message = t.getMessage();
    Object detail = null;
    if (t instanceof DistributionException d) {
      status = d.code().status();
      code = d.code().wire();
      detail = d.detail();
      if (d.code() == OciErrorCode.UNAUTHORIZED) {
        response.putHeader("WWW-Authenticate", challenge.apply(scope));
      }
    } else {
      WharfException w = WharfException.of(t);
      status = w.category() == ErrorCategory.INTERNAL ? 500 : w.category().code();
      code = switch (w.category()) {
        case NOT_FOUND -> "NAME_UNKNOWN";
        case PERMISSION_DENIED -> "DENIED";
        case INVALID_ARGUMENT -> "UNSUPPORTED";
        default -> "UNKNOWN";
      };
      message = w.getMessage();
      if (status == 500) {
        LOG.warn("/v2 {} {} failed", request.method(), request.path(), t);
      }
    }
    JsonObject e = new JsonObject().put("code", code).put("message", message == null ? code : message);
    if (detail != null) {
      e.put("detail", detail instanceof Map<?, ?> map ? new JsonObject(new HashMap<String, Object>(
          (Map<String, Object>) map)) : String.valueOf(detail));
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("errors", new JsonArray().add(e)).encode());
  }

  /** Lets an unread request body flow into nothing, so the response can complete. */
  static void drain(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.handler(b -> {});
      request.resume();
    }
  }
}
