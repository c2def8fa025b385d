package io.wharf.registry.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.TestImages;
import io.wharf.registry.auth.Htpasswd;
import io.wharf.registry.store.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Wharf registry as a pull-through cache of two upstream Wharf registries: one open, one behind
 * htpasswd + the token flow; namespace mapping per upstream; the cache keeps serving a tag when
 * its upstream is gone.
 */
@ExtendWith(VertxExtension.class)
class PullThroughTest {
  private RegistryFixture open;
  private RegistryFixture secured;
  private RegistryFixture cache;

  @AfterEach
  void stop() {
    for (RegistryFixture r : new RegistryFixture[] {cache, secured, open}) {
      if (r != null) {
        try {
          r.close();
        } catch (RuntimeException ignored) {
          // already stopped by the test
        }
      }
    }
  }

  @Test
  void pullsThroughTwoUpstreamsWithMappingAndAuth(Vertx vertx) throws Exception {
    open = RegistryFixture.start(vertx, "upstream-open", null);
    Path dir = TestImages.freshDir("upstream-secured");
    Files.writeString(dir.resolve("htpasswd"), Htpasswd.line("mirror", "pw") + "\n");
    secured = RegistryFixture.start(vertx, dir, new JsonObject().put("auth", new JsonObject()
        .put("htpasswd", dir.resolve("htpasswd").toString()).put("anonymous", "none")
        .put("token", new JsonObject().put("service", "secured"))));
    byte[] publicImage = TestContent.pushImage(open.client, "library/tool", "1", 4000);
    V2Client mirror = secured.client.withAuthorization("Basic " + Base64.getEncoder().encodeToString("mirror:pw".getBytes()));
    byte[] privateImage = TestContent.pushImage(mirror, "team/app", "2", 4000);

    JsonArray proxies = new JsonArray()
        .add(new JsonObject().put("url", open.baseUrl()).put("prefix", "hub/").put("remotePrefix", "library/"))
        .add(new JsonObject().put("url", secured.baseUrl()).put("prefix", "corp/").put("remotePrefix", "team/")
            .put("username", "mirror").put("password", "pw").put("tagTtlSeconds", 0));
    cache = RegistryFixture.start(vertx, "cache", new JsonObject().put("proxies", proxies));
    V2Client c = cache.client;

    assertPulls(c, "hub/tool", "1", publicImage);
    assertPulls(c, "corp/app", "2", privateImage);
    assertEquals(404, c.get("/v2/hub/nosuch/manifests/1").statusCode());
    assertEquals(404, c.get("/v2/elsewhere/manifests/1").statusCode(), "no upstream serves it");

    secured.close();
    secured = null;
    assertPulls(c, "corp/app", "2", privateImage);
  }

  private static void assertPulls(V2Client c, String repo, String tag, byte[] expected) throws Exception {
    var m = c.get("/v2/" + repo + "/manifests/" + tag);
    assertEquals(200, m.statusCode(), () -> repo + ": " + new String(m.body()));
    assertArrayEquals(expected, m.body());
    JsonNode manifest = V2Client.json(m);
    for (JsonNode d : new JsonNode[] {manifest.path("config"), manifest.path("layers").path(0)}) {
      String digest = d.path("digest").asText();
      var blob = c.get("/v2/" + repo + "/blobs/" + digest);
      assertEquals(200, blob.statusCode(), repo + " " + digest);
      assertEquals(digest, Digests.of(blob.body()));
    }
  }
}
