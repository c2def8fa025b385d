package io.wharf.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The built-in token service of the Docker token flow: signed JWTs (HS256) whose {@code access}
 * claim lists the granted repository actions, as Distribution's token auth reads them. Issued by
 * {@code GET /token}, checked on every Bearer request (signature, issuer, audience = service,
 * expiry). Pure and thread-safe.
 */
public final class TokenService {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] secret;
  private final String issuer;
  private final String service;
  private final long ttlSeconds;
  private final LongSupplier nowSeconds;

  public TokenService(byte[] secret, String issuer, String service, long ttlSeconds, LongSupplier nowSeconds) {
    this.secret = secret.clone();
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
    long now = nowSeconds.getAsLong();
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
    String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + b64(Json.bytes(claims));
    return signingInput + "." + b64(sign(signingInput));
  }

  /** The token's grants, or null when it is malformed, forged, expired or for another service. */
  public Verified verify(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    byte[] expected = sign(parts[0] + "." + parts[1]);
    byte[] given;
    JsonNode claims;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
      claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (Exception e) {
      return null;
    }
    long now = nowSeconds.getAsLong();
    if (!MessageDigest.isEqual(expected, given) || !issuer.equals(claims.path("iss").asText())
        || !service.equals(claims.path("aud").asText()) || claims.path("exp").asLong(0) < now
        || claims.path("nbf").asLong(0) > now) {
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
    return new Verified(sub.isEmpty() ? null : sub, access);
  }

  private byte[] sign(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String b64(byte[] b) {
    return B64.encodeToString(b);
  }
}
