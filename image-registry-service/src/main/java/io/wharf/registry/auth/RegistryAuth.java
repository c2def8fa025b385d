package io.wharf.registry.auth;

import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import io.wharf.registry.store.Digests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Who is calling and what they may do. Credentials: {@code Basic} (htpasswd, bcrypt) or
 * {@code Bearer} (a token of {@link TokenService}). Without credentials the caller is anonymous
 * when the policy allows it: {@code loopback} (default without htpasswd: local clients only),
 * {@code all}, or {@code none} (default with htpasswd). Denials are UNAUTHORIZED (401, with a
 * challenge: Bearer when the token service is on, else Basic) for callers who could still
 * authenticate, DENIED (403) for authenticated ones. Thread-safe; bcrypt results are cached for a
 * minute so that a Basic client does not pay bcrypt on every request.
 */
public final class RegistryAuth {
  public enum Anonymous { LOOPBACK, ALL, NONE }

  /** An authenticated caller: {@code user} null = anonymous; {@code token} non-null for Bearer. */
  public record Principal(String user, TokenService.Verified token) {}

  private static final long BASIC_CACHE_MILLIS = 60_000;
  private final Htpasswd htpasswd;
  private final TokenService tokens;
  private final Supplier<String> realm;
  private final AccessRules rules;
  private final Anonymous anonymous;
  private final Map<String, Long> verifiedBasic = new ConcurrentHashMap<>();

  /**
   * @param htpasswd null = no Basic users
   * @param tokens null = no token service
   * @param realm the token URL (known once the server listens)
   */
  public RegistryAuth(Htpasswd htpasswd, TokenService tokens, Supplier<String> realm,
      AccessRules rules, Anonymous anonymous) {
    this.htpasswd = htpasswd;
    this.tokens = tokens;
    this.realm = realm;
    this.rules = rules;
    this.anonymous = anonymous;
  }

  public static RegistryAuth open() {
    return new RegistryAuth(null, null, null, AccessRules.allowAll(), Anonymous.LOOPBACK);
  }

  public TokenService tokens() {
    return tokens;
  }

  /** True when requests can carry credentials (htpasswd or tokens configured). */
  public boolean credentialsEnabled() {
    return htpasswd != null || tokens != null;
  }

  /**
   * The caller of a request, or null when it is anonymous and anonymous access is not allowed.
   * UNAUTHORIZED for wrong credentials. Blocking (bcrypt on a cache miss).
   */
  public Principal authenticate(String authorization, boolean loopback) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return new Principal(basicUser(authorization.substring(6).trim()), null);
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && tokens != null) {
      TokenService.Verified v = tokens.verify(authorization.substring(7).trim());
      if (v == null) {
        throw new DistributionException(OciErrorCode.UNAUTHORIZED, "invalid or expired token");
      }
      return new Principal(v.subject(), v);
    }
    boolean allowed = anonymous == Anonymous.ALL || anonymous == Anonymous.LOOPBACK && loopback;
    return allowed ? new Principal(null, null) : null;
  }

  /** Throws UNAUTHORIZED or DENIED unless {@code p} may do {@code action} in {@code repository}. */
  public void require(Principal p, String repository, Action action) {
    if (p != null && allows(p, repository, action)) {
      return;
    }
    if (p == null || p.user() == null || p.token() != null) {
      throw new DistributionException(OciErrorCode.UNAUTHORIZED, "authentication required to "
          + action.scopeName() + " repository " + repository, Map.of("Type", "repository", "Name", repository,
          "Action", action.scopeName()));
    }
    throw new DistributionException(OciErrorCode.DENIED, "user " + p.user() + " may not " + action.scopeName()
        + " repository " + repository);
  }

  public boolean allows(Principal p, String repository, Action action) {
    if (p.token() != null) {
      return p.token().allows(repository, action);
    }
    return rules.allowed(p.user(), repository).contains(action);
  }

  /** The WWW-Authenticate value for a denied request; {@code scope} may be null. */
  public String challenge(String scope) {
    return challenge(scope, null);
  }

  /**
   * The challenge with Distribution's {@code error} attribute for a Bearer request that failed:
   * {@code invalid_token} (bad, forged or expired) or {@code insufficient_scope}; null = none.
   */
  public String challenge(String scope, String error) {
    if (tokens != null) {
      return "Bearer realm=\"" + realm.get() + "\",service=\"" + tokens.service() + "\""
          + (scope == null ? "" : ",scope=\"" + scope + "\"") + (error == null ? "" : ",error=\"" + error + "\"");
    }
    return "Basic realm=\"wharf-registry\"";
  }

  /** The challenge error for a denied request with this Authorization header ({@link #challenge(String, String)}). */
  public String bearerError(String authorization) {
    if (tokens == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return tokens.verify(authorization.substring(7).trim()) == null ? "invalid_token" : "insufficient_scope";
  }

  /** The grants for a token request: each requested scope's actions that the rules allow {@code user}. */
  public List<TokenService.Grant> grants(String user, List<String> scopes) {
    List<TokenService.Grant> out = new ArrayList<>();
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length < 3 || !parts[0].equals("repository")) {
        continue;
      }
      String repo = String.join(":", Arrays.copyOfRange(parts, 1, parts.length - 1));
      Set<Action> wanted = EnumSet.noneOf(Action.class);
      for (String a : parts[parts.length - 1].split(",")) {
        if (a.equals("*")) {
          wanted.addAll(EnumSet.allOf(Action.class));
        } else if (Action.ofScope(a) != null) {
          wanted.add(Action.ofScope(a));
        }
      }
      wanted.retainAll(rules.allowed(user, repo));
      out.add(new TokenService.Grant(repo, wanted));
    }
    return out;
  }

  private String basicUser(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new DistributionException(OciErrorCode.UNAUTHORIZED, "malformed Basic credentials");
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    String key = Digests.of(decoded.getBytes(StandardCharsets.UTF_8));
    Long at = verifiedBasic.get(key);
    long now = System.currentTimeMillis();
    if (at != null && now - at < BASIC_CACHE_MILLIS) {
      return user;
    }
    if (htpasswd == null || !htpasswd.verify(user, password)) {
      throw new DistributionException(OciErrorCode.UNAUTHORIZED, "wrong user name or password");
    }
    if (verifiedBasic.size() > 10_000) {
      verifiedBasic.clear();
    }
    verifiedBasic.put(key, now);
    return user;
  }
}
