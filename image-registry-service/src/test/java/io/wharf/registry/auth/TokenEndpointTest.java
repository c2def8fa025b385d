package io.wharf.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /token and the POST /token password grant, without HTTP: credentials, scopes, rules, bad forms. */
class TokenEndpointTest {
  private static final long NOW = 1_800_000_000L;
  private static final Htpasswd USERS = Htpasswd.parse(Htpasswd.line("alice", "wonder") + "\n" + Htpasswd.line("bob", "builder"));
  private static final AccessRules RULES = AccessRules.fromConfig(new JsonArray("""
      [{"repository": "private/*", "users": ["alice"], "actions": ["*"]},
       {"repository": "private/*", "users": ["*"], "actions": []},
       {"repository": "*", "users": ["*"], "actions": ["pull", "push"]},
       {"repository": "public/*", "users": ["anonymous"], "actions": ["pull"]}]"""));

  private static TokenEndpoint endpoint(RegistryAuth.Anonymous anonymous) {
    TokenService tokens = new TokenService(new HmacSigningKey("k".getBytes()), "wharf-registry", "svc", 300, () -> NOW);
    return new TokenEndpoint(new RegistryAuth(USERS, tokens, () -> "http://x/token", RULES, anonymous), () -> NOW);
  }

  private static final TokenEndpoint ENDPOINT = endpoint(RegistryAuth.Anonymous.ALL);

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }

  private static TokenService.Verified verified(TokenEndpoint.Answer a) {
    return new TokenService(new HmacSigningKey("k".getBytes()), "wharf-registry", "svc", 300, () -> NOW)
        .verify(a.body().getString("access_token"));
  }

  @Test
  void getGrantsTheRequestedScopesTheRulesAllow() {
    TokenEndpoint.Answer a = ENDPOINT.get(basic("bob", "builder"), "svc",
        List.of("repository:app:pull,push repository:private/x:pull", "repository:lib/y:pull"), false);
    assertEquals(200, a.status());
    JsonObject body = a.body();
    assertEquals(body.getString("token"), body.getString("access_token"));
    assertEquals(300, body.getLong("expires_in"));
    assertEquals("2027-01-15T08:00:00Z", body.getString("issued_at"));
    assertEquals("repository:app:pull,push repository:lib/y:pull", body.getString("scope"));
    TokenService.Verified v = verified(a);
    assertEquals("bob", v.subject());
    assertTrue(v.allows("app", Action.PUSH));
    assertFalse(v.allows("private/x", Action.PULL));
    assertTrue(verified(ENDPOINT.get(basic("alice", "wonder"), null, List.of("repository:private/x:*"), false))
        .allows("private/x", Action.DELETE));
  }

  @Test
  void anonymousGetsWhatAnonymousMayDoOrA401() {
    TokenService.Verified v = verified(ENDPOINT.get(null, "svc", List.of("repository:public/t:pull,push"), false));
    assertEquals(null, v.subject());
    assertTrue(v.allows("public/t", Action.PULL));
    assertFalse(v.allows("public/t", Action.PUSH));
    assertCode(OciErrorCode.UNAUTHORIZED, () -> endpoint(RegistryAuth.Anonymous.NONE).get(null, "svc", List.of(), true));
    assertCode(OciErrorCode.UNAUTHORIZED, () -> endpoint(RegistryAuth.Anonymous.LOOPBACK).get(null, "svc", List.of(), false));
    assertEquals(200, endpoint(RegistryAuth.Anonymous.LOOPBACK).get(null, "svc", List.of(), true).status());
    assertEquals(200, ENDPOINT.get("Bearer whatever", "svc", List.of(), false).status(), "a Bearer header counts as none");
  }

  @Test
  void getRefusesWrongCredentialsAndOtherServices() {
    assertCode(OciErrorCode.UNAUTHORIZED, () -> ENDPOINT.get(basic("alice", "wrong"), "svc", List.of(), false));
    assertCode(OciErrorCode.UNAUTHORIZED, () -> ENDPOINT.get(basic("mallory", "x"), "svc", List.of(), false));
    assertCode(OciErrorCode.UNAUTHORIZED, () -> ENDPOINT.get("Basic !!!", "svc", List.of(), false));
    assertCode(OciErrorCode.DENIED, () -> ENDPOINT.get(basic("alice", "wonder"), "other", List.of(), false));
  }

  @Test
  void postPasswordGrant() {
    TokenEndpoint.Answer a = ENDPOINT.post("grant_type=password&username=bob&password=builder&service=svc"
        + "&client_id=docker&scope=repository%3Aapp%3Apull&scope=repository:other:push", false);
    assertEquals(200, a.status());
    assertEquals("repository:app:pull repository:other:push", a.body().getString("scope"));
    assertTrue(verified(a).allows("other", Action.PUSH));
    assertCode(OciErrorCode.UNAUTHORIZED, () -> ENDPOINT.post(
        "grant_type=password&username=bob&password=nope&client_id=docker", false));
    assertCode(OciErrorCode.DENIED, () -> ENDPOINT.post(
        "grant_type=password&username=bob&password=builder&client_id=docker&service=x", false));
  }

  @Test
  void postBadFormsAreOauthErrors() {
    String[][] cases = {
        {"", "invalid_request"},
        {"username=bob&password=builder&client_id=c", "invalid_request"},
        {"grant_type=refresh_token&refresh_token=x&client_id=c", "unsupported_grant_type"},
        {"grant_type=client_credentials&client_id=c", "unsupported_grant_type"},
        {"grant_type=password&password=builder&client_id=c", "invalid_request"},
        {"grant_type=password&username=bob&client_id=c", "invalid_request"},
        {"grant_type=password&username=bob&password=builder", "invalid_request"},
        {"grant_type=password&username=%zz&password=x&client_id=c", "invalid_request"},
    };
    for (String[] c : cases) {
      TokenEndpoint.Answer a = ENDPOINT.post(c[0], false);
      assertEquals(400, a.status(), c[0]);
      assertEquals(c[1], a.body().getString("error"), c[0]);
    }
  }

  @Test
  void formParsing() {
    assertEquals("a b", TokenEndpoint.parseForm("x=a+b&x=ignored&y").get("x"));
    assertEquals("", TokenEndpoint.parseForm("x=a&y").get("y"));
    assertEquals("s1 s2", TokenEndpoint.parseForm("scope=s1&scope=s2").get("scope"));
  }

  private static void assertCode(OciErrorCode code, Runnable r) {
    assertEquals(code, assertThrows(DistributionException.class, r::run).code());
  }
}
