package io.wharf.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The built-in token service of the Docker token flow: signed JWTs (ES256 or HS256, see
 * {@link SigningKey}) whose {@code access} claim lists the granted repository actions, as
 * Distribution's token auth reads them. Issued by {@code GET/POST /token}, checked on every Bearer
 * request (algorithm and key id, signature, issuer, audience = service, not-before, expiry). Pure
 * and thread-safe.
 */
public final class TokenService {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final SigningKey key;
  private final String header;
  private final String issuer;
  private final String service;
  private final long ttlSeconds;
  private final LongSupplier nowSeconds;
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  /** A token whose signature, issuer and audience are right, with its validity window. */
  private record Checked(Verified verified, long notBefore, long expires) {}

  private static final int MAX_REMEMBERED = 10_000;

  public TokenService(SigningKey key, String issuer, String service, long ttlSeconds, LongSupplier nowSeconds) {
    this.key = key;
    ObjectNode h = Json.MAPPER.createObjectNode().put("typ", "JWT").put("alg", key.algorithm());
    if (key.keyId() != null) {
      h.put("kid", key.keyId());
    }
    this.header = b64(Json.bytes(h));
    this.issuer = issuer;
    this.service = service;
    this.ttlSeconds = ttlSeconds;
    this.nowSeconds = nowSeconds;
  }

  public String service() {
    return service;
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  /** A granted scope: a repository and the actions on it. */
  public record Grant(String repository, Set<Action> actions) {}

  /** Who a valid token was issued to (null = anonymous) and what it grants. */
  public record Verified(String subject, Map<String, Set<Action>> access) {
    public boolean allows(String repository, Action action) {
      Set<Action> a = access.get(repository);
      return a != null && a.contains(action);
    }
  }

  public String issue(String subject, List<Grant> grants) {
    return issue(subject, grants, nowSeconds.getAsLong());
  }

  /** A token issued at {@code now} (epoch seconds; the answer's issued_at must match it). */
  public String issue(String subject, List<Grant> grants, long now) {
    ObjectNode claims = Json.MAPPER.createObjectNode();
    claims.put("iss", issuer);
    claims.put("sub", subject == null ? "" : subject);
    claims.put("aud", service);
    claims.put("iat", now);
    claims.put("nbf", now - 10);
    claims.put("exp", now + ttlSeconds);
    claims.put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (Grant g : grants) {
      ObjectNode a = access.addObject().put("type", "repository").put("name", g.repository());
      ArrayNode actions = a.putArray("actions");
      g.actions().forEach(x -> actions.add(x.scopeName()));
    }
    String signingInput = header + "." + b64(Json.bytes(claims));
    return signingInput + "." + b64(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * The token's grants, or null when it is malformed, forged, expired or for another service.
   * A token whose signature was checked is remembered until it expires, so that a client's
   * requests pay one ECDSA verification per token, not one each.
   */
  public Verified verify(String token) {
    long now = nowSeconds.getAsLong();
    Checked known = checked.get(token);
    if (known == null) {
      known = check(token);
      if (known == null) {
        return null;
      }
      if (checked.size() >= MAX_REMEMBERED) {
        checked.clear();
      }
      checked.put(token, known);
    }
    return known.notBefore() <= now && now <= known.expires() ? known.verified() : null;
  }

  private Checked check(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    JsonNode head;
    JsonNode claims;
    byte[] signature;
    try {
      head = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
      claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (Exception e) {
      return null;
    }
    // the algorithm is the key's, never the token's choice ("none" or HS256-with-the-public-key attacks)
    boolean ourKey = key.algorithm().equals(head.path("alg").asText())
        && (key.keyId() == null || key.keyId().equals(head.path("kid").asText()));
    if (!ourKey || !key.verify((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature)) {
      return null;
    }
    if (!issuer.equals(claims.path("iss").asText()) || !audience(claims.path("aud"))
        || !claims.path("exp").canConvertToLong()) {
      return null;
    }
    Map<String, Set<Action>> access = new HashMap<>();
    for (JsonNode a : claims.path("access")) {
      Set<Action> actions = EnumSet.noneOf(Action.class);
      a.path("actions").forEach(x -> {
        Action action = Action.ofScope(x.asText());
        if (action != null) {
          actions.add(action);
        }
      });
      access.merge(a.path("name").asText(), actions, (x, y) -> {
        x.addAll(y);
        return x;
      });
    }
    String sub = claims.path("sub").asText("");
    return new Checked(new Verified(sub.isEmpty() ? null : sub, access), claims.path("nbf").asLong(0), claims.path("exp").asLong());
  }

  /** JWT's {@code aud}: one string or an array of them; ours must be among them. */
  private boolean audience(JsonNode aud) {
    if (aud.isArray()) {
      for (JsonNode a : aud) {
        if (service.equals(a.asText())) {
          return true;
        }
      }
      return false;
    }
    return service.equals(aud.asText());
  }

  private static String b64(byte[] b) {
    return B64.encodeToString(b);
  }
}
