package io.wharf.registry.v2;

import static io.wharf.registry.v2.V2Client.errorCode;
import static io.wharf.registry.v2.V2Client.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.TestImages;
import io.wharf.registry.auth.Htpasswd;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** htpasswd Basic auth, the Bearer token flow and per-repository rules, over HTTP. */
@ExtendWith(VertxExtension.class)
class AuthHttpTest {
  private RegistryFixture registry;
  private V2Client anonymous;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Path dir = TestImages.freshDir("auth");
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(htpasswd, Htpasswd.line("alice", "wonder") + "\n" + Htpasswd.line("bob", "builder") + "\n");
    JsonObject auth = new JsonObject().put("htpasswd", htpasswd.toString())
        .put("token", new JsonObject().put("service", "wharf-test").put("secret", "test-secret"))
        .put("access", new JsonArray("""
            [{"repository": "private/*", "users": ["alice"], "actions": ["*"]},
             {"repository": "private/*", "users": ["*"], "actions": []},
             {"repository": "*", "users": ["*"], "actions": ["pull", "push"]},
             {"repository": "public/*", "users": ["anonymous"], "actions": ["pull"]}]"""));
    registry = RegistryFixture.start(vertx, dir, new JsonObject().put("auth", auth));
    anonymous = registry.client;
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private V2Client basic(String user, String password) {
    return anonymous.withAuthorization("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
  }

  private V2Client bearer(String user, String password, String scope) throws Exception {
    HttpResponse<byte[]> r = basic(user, password).get("/token?service=wharf-test&scope="
        + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), new String(r.body()));
    return anonymous.withAuthorization("Bearer " + V2Client.json(r).path("token").asText());
  }

  @Test
  void baseChallengesAnonymousAndAcceptsBasic() throws Exception {
    HttpResponse<byte[]> r = anonymous.get("/v2/");
    assertEquals(401, r.statusCode());
    assertEquals("UNAUTHORIZED", errorCode(r));
    assertEquals("Bearer realm=\"" + registry.baseUrl() + "/token\",service=\"wharf-test\"", header(r, "WWW-Authenticate"));
    assertEquals(200, basic("alice", "wonder").get("/v2/").statusCode());
    assertEquals(401, basic("alice", "wrong").get("/v2/").statusCode());
    assertEquals(401, basic("mallory", "x").get("/token?service=wharf-test").statusCode());
  }

  @Test
  void rulesDecidePerRepository() throws Exception {
    V2Client alice = basic("alice", "wonder");
    V2Client bob = basic("bob", "builder");
    TestContent.pushImage(alice, "private/secret", "1", 10);
    TestContent.pushImage(bob, "public/tool", "1", 10);
    HttpResponse<byte[]> denied = bob.get("/v2/private/secret/manifests/1");
    assertEquals(403, denied.statusCode());
    assertEquals("DENIED", errorCode(denied));
    assertEquals(200, anonymous.get("/v2/public/tool/manifests/1").statusCode(), "anonymous pull of public/*");
    HttpResponse<byte[]> anonPush = anonymous.send("POST", "/v2/public/tool/blobs/uploads/", null, Map.of());
    assertEquals(401, anonPush.statusCode());
    assertTrue(header(anonPush, "WWW-Authenticate").contains("scope=\"repository:public/tool:pull,push\""));
    assertEquals(403, bob.delete("/v2/public/tool/manifests/1").statusCode(), "bob may not delete");
    assertEquals("{\"repositories\":[\"public/tool\"]}", new String(bob.get("/v2/_catalog").body()));
  }

  @Test
  void bearerTokensCarryOnlyTheGrantedScopes() throws Exception {
    V2Client pullOnly = bearer("bob", "builder", "repository:app:pull");
    V2Client pushToo = bearer("bob", "builder", "repository:app:pull,push");
    TestContent.pushImage(pushToo, "app", "1", 10);
    assertEquals(200, pullOnly.get("/v2/app/manifests/1").statusCode());
    HttpResponse<byte[]> noPush = pullOnly.send("POST", "/v2/app/blobs/uploads/", null, Map.of());
    assertEquals(401, noPush.statusCode(), "insufficient scope: the client fetches a new token");
    assertEquals(401, pushToo.get("/v2/other/tags/list").statusCode(), "not in the token");
    V2Client secret = bearer("bob", "builder", "repository:private/x:pull,push");
    assertEquals(401, secret.get("/v2/private/x/tags/list").statusCode(), "nothing granted");
    assertEquals(401, anonymous.withAuthorization("Bearer forged.token.here").get("/v2/").statusCode());
  }
}
