package io.wharf.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Access rules, htpasswd bcrypt and the JWT token service. */
class AuthUnitsTest {
  private static final AccessRules RULES = AccessRules.fromConfig(new JsonArray("""
      [{"repository": "private/*", "users": ["alice"], "actions": ["pull", "push", "delete"]},
       {"repository": "private/*", "users": ["*"], "actions": []},
       {"repository": "*", "users": ["*"], "actions": ["pull", "push"]},
       {"repository": "public/*", "users": ["anonymous"], "actions": ["pull"]}]"""));

  @Test
  void rulesFirstMatchWins() {
    assertEquals(EnumSet.allOf(Action.class), RULES.allowed("alice", "private/x/y"));
    assertEquals(Set.of(), RULES.allowed("bob", "private/x"));
    assertEquals(EnumSet.of(Action.PULL, Action.PUSH), RULES.allowed("bob", "app"));
    assertEquals(EnumSet.of(Action.PULL), RULES.allowed(null, "public/a"));
    assertEquals(Set.of(), RULES.allowed(null, "app"));
    assertEquals(EnumSet.allOf(Action.class), AccessRules.allowAll().allowed(null, "x"));
  }

  @Test
  void htpasswdBcrypt() {
    Htpasswd h = Htpasswd.parse(Htpasswd.line("alice", "s3cret") + "\n# comment\nbob:{SHA}ignored\n");
    assertTrue(h.verify("alice", "s3cret"));
    assertFalse(h.verify("alice", "wrong"));
    assertFalse(h.verify("bob", "ignored"));
    assertFalse(h.verify("nobody", "x"));
  }

  @Test
  void tokensCarryGrantsAndExpire() {
    AtomicLong now = new AtomicLong(1_000_000);
    TokenService t = new TokenService(new HmacSigningKey("k".getBytes()), "iss", "svc", 60, now::get);
    String token = t.issue("alice", List.of(new TokenService.Grant("app", EnumSet.of(Action.PULL))));
    TokenService.Verified v = t.verify(token);
    assertEquals("alice", v.subject());
    assertTrue(v.allows("app", Action.PULL));
    assertFalse(v.allows("app", Action.PUSH));
    assertFalse(v.allows("other", Action.PULL));
    assertNull(new TokenService(new HmacSigningKey("other".getBytes()), "iss", "svc", 60, now::get).verify(token), "forged");
    assertNull(new TokenService(new HmacSigningKey("k".getBytes()), "iss", "svc2", 60, now::get).verify(token), "another audience");
    String[] parts = token.split("\\.");
    assertNull(t.verify(parts[0] + "." + parts[1].substring(1) + "." + parts[2]), "tampered");
    now.addAndGet(61);
    assertNull(t.verify(token), "expired");
    assertNull(t.verify("garbage"));
  }

  @Test
  void grantsAreTheRequestedScopesThatTheRulesAllow() {
    RegistryAuth auth = new RegistryAuth(null, null, () -> "", RULES, RegistryAuth.Anonymous.NONE);
    List<TokenService.Grant> g = auth.grants("bob", List.of("repository:app:pull,push,delete", "repository:private/x:pull",
        "registry:catalog:*"));
    assertEquals(List.of(new TokenService.Grant("app", EnumSet.of(Action.PULL, Action.PUSH)),
        new TokenService.Grant("private/x", EnumSet.noneOf(Action.class))), g);
  }
}
