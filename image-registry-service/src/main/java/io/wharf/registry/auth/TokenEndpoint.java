package io.wharf.registry.auth;

import io.vertx.core.json.JsonObject;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The token endpoint of Docker's token auth, without HTTP: {@code GET /token?service=&scope=}
 * with optional Basic credentials ({@link #get}), and the OAuth2 password grant
 * {@code POST /token} form ({@link #post}). A token carries the requested scopes cut down to what
 * the access rules allow the caller (possibly nothing: clients then get 401/insufficient_scope
 * from /v2). Wrong credentials, or none when anonymous access is off: UNAUTHORIZED (401); a
 * service other than ours: DENIED; a malformed form: 400 with an OAuth2 error object.
 * Blocking (bcrypt). Thread-safe.
 */
public final class TokenEndpoint {
  /** The answer: its status and JSON body. */
  public record Answer(int status, JsonObject body) {}

  private final RegistryAuth auth;
  private final LongSupplier nowSeconds;

  public TokenEndpoint(RegistryAuth auth, LongSupplier nowSeconds) {
    this.auth = auth;
    this.nowSeconds = nowSeconds;
  }

  /**
   * {@code GET /token}: {@code {"token", "access_token", "expires_in", "issued_at"}}.
   *
   * @param authorization the Authorization header or null (a Bearer header counts as none)
   * @param scopes every {@code scope} parameter (each may hold several, space-separated)
   */
  public Answer get(String authorization, String service, List<String> scopes, boolean loopback) {
    requireService(service);
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    RegistryAuth.Principal p = auth.authenticate(basic ? authorization : null, loopback);
    if (p == null) {
      throw new DistributionException(OciErrorCode.UNAUTHORIZED, "authentication required for a token");
    }
    return new Answer(200, issue(p.user(), scopes));
  }

  /** {@code POST /token} (form body): {@code grant_type=password}, username, password, service, scope, client_id. */
  public Answer post(String form, boolean loopback) {
    Map<String, String> f;
    try {
      f = parseForm(form);
    } catch (IllegalArgumentException e) {
      return oauthError("invalid_request", "malformed form body: " + e.getMessage());
    }
    String grant = f.get("grant_type");
    if (!"password".equals(grant)) {
      return oauthError(grant == null ? "invalid_request" : "unsupported_grant_type",
          grant == null ? "grant_type is required" : "grant_type \"" + grant + "\" is not supported (only password)");
    }
    String user = f.get("username");
    if (user == null || user.isEmpty() || f.get("password") == null) {
      return oauthError("invalid_request", "username and password are required");
    }
    if (f.get("client_id") == null) {
      return oauthError("invalid_request", "client_id is required");
    }
    requireService(f.get("service"));
    byte[] credentials = (user + ":" + f.get("password")).getBytes(StandardCharsets.UTF_8);
    String basic = "Basic " + Base64.getEncoder().encodeToString(credentials);
    RegistryAuth.Principal p = auth.authenticate(basic, loopback);
    return new Answer(200, issue(p.user(), splitScopes(f.getOrDefault("scope", ""))));
  }

  private JsonObject issue(String user, List<String> scopes) {
    TokenService tokens = auth.tokens();
    long now = nowSeconds.getAsLong();
    List<String> words = scopes.stream().flatMap(s -> splitScopes(s).stream()).toList();
    List<TokenService.Grant> grants = auth.grants(user, words);
    String token = tokens.issue(user, grants, now);
    String granted = grants.stream().filter(g -> !g.actions().isEmpty())
        .map(g -> "repository:" + g.repository() + ":"
            + g.actions().stream().map(Action::scopeName).collect(Collectors.joining(",")))
        .collect(Collectors.joining(" "));
    return new JsonObject().put("token", token).put("access_token", token).put("expires_in", tokens.ttlSeconds())
        .put("issued_at", Instant.ofEpochSecond(now).toString()).put("scope", granted);
  }

  private void requireService(String service) {
    if (service != null && !service.equals(auth.tokens().service())) {
      throw DistributionException.of(OciErrorCode.DENIED, "unknown service \"" + service + "\": this is \""
          + auth.tokens().service() + "\"");
    }
  }

  static List<String> splitScopes(String s) {
    return Arrays.stream(s.split(" ")).filter(x -> !x.isBlank()).toList();
  }

  /** An x-www-form-urlencoded body; the first value of a repeated key wins, except scope (joined). */
  static Map<String, String> parseForm(String form) {
    Map<String, String> out = new HashMap<>();
    List<String> scopes = new ArrayList<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key.equals("scope")) {
        scopes.add(value);
      } else {
        out.putIfAbsent(key, value);
      }
    }
    if (!scopes.isEmpty()) {
      out.put("scope", String.join(" ", scopes));
    }
    return out;
  }

  /** Throws IllegalArgumentException for a bad %-escape. */
  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Answer oauthError(String error, String description) {
    return new Answer(400, new JsonObject().put("error", error).put("error_description", description));
  }
}
