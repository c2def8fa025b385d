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

/**
 * The token service over HTTP with its default ES256 key (config {@code "token": true}): the key
 * in the data root outlives a restart, POST /token, and Distribution's challenges
 * (scope per method, {@code error="invalid_token"} / {@code "insufficient_scope"}).
 */
@ExtendWith(VertxExtension.class)
class TokenHttpTest {
  private Path dir;
  private JsonObject config;
  private RegistryFixture registry;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    dir = TestImages.freshDir("token-http");
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(htpasswd, Htpasswd.line("alice", "wonder") + "\n");
    config = new JsonObject().put("auth", new JsonObject().put("htpasswd", htpasswd.toString()).put("token", true)
        .put("anonymous", "none").put("access", new JsonArray("""
            [{"repository": "*", "users": ["alice"], "actions": ["pull", "push"]}]""")));
    registry = RegistryFixture.start(vertx, dir, config);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpResponse<byte[]> token(String query) throws Exception {
    String basic = Base64.getEncoder().encodeToString("alice:wonder".getBytes());
    return registry.client.withAuthorization("Basic " + basic).get("/token?" + query);
  }

  private V2Client bearer(String scope) throws Exception {
    HttpResponse<byte[]> r = token("service=wharf-registry&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), new String(r.body()));
    return registry.client.withAuthorization("Bearer " + V2Client.json(r).path("token").asText());
  }

  @Test
  void es256KeyInTheDataRootOutlivesARestart(Vertx vertx) throws Exception {
    V2Client pusher = bearer("repository:app:pull,push");
    TestContent.pushImage(pusher, "app", "1", 10);
    assertTrue(Files.isRegularFile(registry.root.resolve("data/registry/token-key.pem")));
    registry.stop();
    registry = RegistryFixture.start(vertx, dir, config);
    V2Client again = new V2Client(registry.baseUrl()).withAuthorization(pusher.authorization());
    assertEquals(200, again.get("/v2/app/manifests/1").statusCode(), "token signed before the restart");
  }

  @Test
  void challengesNameTheScopeAndTheBearerError() throws Exception {
    HttpResponse<byte[]> anon = registry.client.get("/v2/app/tags/list");
    assertEquals(401, anon.statusCode());
    String realm = "Bearer realm=\"" + registry.baseUrl() + "/token\",service=\"wharf-registry\"";
    assertEquals(realm + ",scope=\"repository:app:pull\"", header(anon, "WWW-Authenticate"));
    assertEquals(realm + ",scope=\"repository:app:delete\"", header(registry.client.delete("/v2/app/manifests/1"), "WWW-Authenticate"));
    V2Client pullOnly = bearer("repository:app:pull");
    HttpResponse<byte[]> push = pullOnly.send("POST", "/v2/app/blobs/uploads/", null, Map.of());
    assertEquals(401, push.statusCode());
    assertEquals("UNAUTHORIZED", errorCode(push));
    assertEquals(realm + ",scope=\"repository:app:pull,push\",error=\"insufficient_scope\"", header(push, "WWW-Authenticate"));
    HttpResponse<byte[]> forged = registry.client.withAuthorization("Bearer a.b.c").get("/v2/app/tags/list");
    assertEquals(realm + ",scope=\"repository:app:pull\",error=\"invalid_token\"", header(forged, "WWW-Authenticate"));
    HttpResponse<byte[]> noCredentials = registry.client.get("/token?service=wharf-registry");
    assertEquals(401, noCredentials.statusCode(), "anonymous is off: the token service asks for Basic");
    assertEquals("Basic realm=\"wharf-registry\"", header(noCredentials, "WWW-Authenticate"));
    assertEquals(403, token("service=another").statusCode());
  }

  @Test
  void oauthPasswordGrant() throws Exception {
    String form = "grant_type=password&username=alice&password=wonder&client_id=test&service=wharf-registry"
        + "&scope=" + URLEncoder.encode("repository:oauth/app:pull,push", StandardCharsets.UTF_8);
    HttpResponse<byte[]> r = registry.client.send("POST", "/token", form.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertEquals(200, r.statusCode(), new String(r.body()));
    assertEquals("repository:oauth/app:pull,push", V2Client.json(r).path("scope").asText());
    V2Client client = registry.client.withAuthorization("Bearer " + V2Client.json(r).path("access_token").asText());
    TestContent.pushImage(client, "oauth/app", "1", 5);
    HttpResponse<byte[]> wrong = registry.client.send("POST", "/token",
        "grant_type=password&username=alice&password=nope&client_id=test".getBytes(), Map.of());
    assertEquals(401, wrong.statusCode());
    HttpResponse<byte[]> refresh = registry.client.send("POST", "/token", "grant_type=refresh_token&client_id=t".getBytes(), Map.of());
    assertEquals(400, refresh.statusCode());
    assertEquals("unsupported_grant_type", V2Client.json(refresh).path("error").asText());
    HttpResponse<byte[]> huge = registry.client.send("POST", "/token", new byte[100_000], Map.of());
    assertEquals(413, huge.statusCode());
    assertEquals(200, registry.client.withAuthorization(client.authorization()).get("/v2/").statusCode(), "still serving");
  }
}
