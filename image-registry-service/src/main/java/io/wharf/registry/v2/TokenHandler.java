package io.wharf.registry.v2;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.wharf.registry.auth.TokenEndpoint;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code GET /token?service=&scope=...} and {@code POST /token} (OAuth2 password grant form) of the
 * Docker token flow, over {@link TokenEndpoint} on a worker (bcrypt). Errors: the OCI envelope
 * with a Basic challenge on 401 (the client has to send credentials here, not a token).
 */
final class TokenHandler {
  /** A password-grant form is a few hundred bytes; anything much larger is not one. */
  private static final int MAX_FORM_BYTES = 64 * 1024;
  private final Vertx vertx;
  private final TokenEndpoint endpoint;

  TokenHandler(Vertx vertx, TokenEndpoint endpoint) {
    this.vertx = vertx;
    this.endpoint = endpoint;
  }

  void get(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String authorization = req.getHeader("Authorization");
    String service = req.getParam("service");
    var scopes = req.params().getAll("scope");
    boolean loopback = loopback(req);
    answer(req, () -> endpoint.get(authorization, service, scopes, loopback));
  }

  void post(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Buffer form = Buffer.buffer();
    boolean loopback = loopback(req);
    req.handler(chunk -> {
      if (form.length() + chunk.length() > MAX_FORM_BYTES) {
        req.handler(null);
        OciErrors.send(req, DistributionException.of(OciErrorCode.TOO_LARGE, "token request body over "
            + MAX_FORM_BYTES + " bytes"), s -> "", null);
        return;
      }
      form.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (!req.response().ended()) {
        answer(req, () -> endpoint.post(form.toString(StandardCharsets.UTF_8), loopback));
      }
    });
    req.resume();
  }

  private void answer(HttpServerRequest req, Callable<TokenEndpoint.Answer> work) {
    vertx.executeBlocking(work, false)
        .onFailure(t -> OciErrors.send(req, t, s -> "Basic realm=\"wharf-registry\"", null))
        .onSuccess(a -> req.response().setStatusCode(a.status()).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(a.body().encode()));
  }

  private static boolean loopback(HttpServerRequest req) {
    return req.remoteAddress() != null && DistributionRoutes.isLoopback(req.remoteAddress().hostAddress());
  }
}
