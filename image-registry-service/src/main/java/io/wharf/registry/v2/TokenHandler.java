package io.wharf.registry.v2;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wharf.registry.auth.RegistryAuth;
import io.wharf.registry.auth.TokenService;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /token?service=&scope=...} of the Docker token flow: Basic credentials (optional:
 * without them the token carries what anonymous may do) in, a signed JWT out as
 * {@code {"token", "access_token", "expires_in", "issued_at"}}. Wrong credentials: 401.
 */
final class TokenHandler {
  private final Vertx vertx;
  private final RegistryAuth auth;

  TokenHandler(Vertx vertx, RegistryAuth auth) {
    this.vertx = vertx;
    this.auth = auth;
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String authorization = req.getHeader("Authorization");
    String service = req.getParam("service");
    List<String> scopes = req.params().getAll("scope").stream()
        .flatMap(s -> Arrays.stream(s.split(" "))).filter(s -> !s.isBlank()).toList();
    boolean loopback = req.remoteAddress() != null && DistributionRoutes.isLoopback(req.remoteAddress().hostAddress());
    vertx.executeBlocking(() -> {
      TokenService tokens = auth.tokens();
      if (service != null && !service.equals(tokens.service())) {
        throw DistributionException.of(OciErrorCode.DENIED, "unknown service \"" + service + "\"");
      }
      boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
      RegistryAuth.Principal p = auth.authenticate(bearer ? null : authorization, loopback);
      String user = p == null ? null : p.user();
      List<TokenService.Grant> grants = p == null ? List.of() : auth.grants(user, scopes);
      return tokens.issue(user, grants);
    }, false).onFailure(t -> OciErrors.send(req, t, s -> "Basic realm=\"wharf-registry\"", null))
        .onSuccess(token -> req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("token", token).put("access_token", token)
                .put("expires_in", auth.tokens().ttlSeconds()).put("issued_at", Instant.now().toString()).encode()));
  }
}
