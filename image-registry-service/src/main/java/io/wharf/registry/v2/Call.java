package io.wharf.registry.v2;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wharf.registry.auth.RegistryAuth;
import java.util.concurrent.Callable;

/**
 * One /v2 request being served: its route, its caller, and the means to run blocking work and
 * to answer with the OCI error envelope.
 */
final class Call {
  final Vertx vertx;
  final HttpServerRequest request;
  final V2Path path;
  final RegistryAuth auth;
  RegistryAuth.Principal principal;

  Call(Vertx vertx, HttpServerRequest request, V2Path path, RegistryAuth auth) {
    this.vertx = vertx;
    this.request = request;
    this.path = path;
    this.auth = auth;
  }

  String name() {
    return path.name();
  }

  String reference() {
    return path.reference();
  }

  HttpServerResponse response() {
    return request.response();
  }

  String param(String key) {
    return request.getParam(key);
  }

  <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  void fail(Throwable t) {
    String scope = path.name() == null ? null : "repository:" + path.name() + ":" + scopeActions(request.method().name());
    OciErrors.send(request, t, s -> auth.challenge(s, auth.bearerError(request.getHeader("Authorization"))), scope);
  }

  /** The actions a challenge asks for, as Distribution words them per method. */
  static String scopeActions(String method) {
    return switch (method) {
      case "GET", "HEAD" -> "pull";
      case "DELETE" -> "delete";
      default -> "pull,push";
    };
  }

  /** Ends an empty response (HEAD-safe: Content-Length 0 unless set). */
  void endEmpty(int status) {
    HttpServerResponse r = response();
    if (!r.headers().contains("Content-Length")) {
      r.putHeader("Content-Length", "0");
    }
    r.setStatusCode(status).end();
  }
}
