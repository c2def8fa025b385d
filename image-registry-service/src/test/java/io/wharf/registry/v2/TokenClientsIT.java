package io.wharf.registry.v2;

import static io.wharf.registry.v2.Tools.fails;
import static io.wharf.registry.v2.Tools.require;
import static io.wharf.registry.v2.Tools.run;
import static io.wharf.registry.v2.Tools.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.api.Json;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.TestImages;
import io.wharf.registry.auth.Htpasswd;
import io.wharf.registry.store.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * skopeo and podman through the Bearer token flow (htpasswd users, the built-in /token with its
 * ES256 key, per-repository rules, no anonymous access): alice may do everything, bob may only
 * pull {@code shared/*}. Missing tools skip the test, or fail it when CI=true. The docker CLI's
 * login/push/pull through the daemon is in the launcher's RegistryPullPushIT.
 */
@ExtendWith(VertxExtension.class)
class TokenClientsIT {
  private RegistryFixture registry;
  private Path tar;
  private Path authFile;
  private String host;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Path dir = TestImages.freshDir("token-clients");
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(htpasswd, Htpasswd.line("alice", "wonder") + "\n" + Htpasswd.line("bob", "builder") + "\n");
    JsonObject auth = new JsonObject().put("htpasswd", htpasswd.toString()).put("token", true).put("anonymous", "none")
        .put("access", new JsonArray("""
            [{"repository": "*", "users": ["alice"], "actions": ["*"]},
             {"repository": "shared/*", "users": ["bob"], "actions": ["pull"]}]"""));
    registry = RegistryFixture.start(vertx, dir, new JsonObject().put("auth", auth));
    tar = TestImages.busyboxTar(dir.resolve("bb.tar"), "busybox:latest");
    authFile = dir.resolve("auth.json"); // an empty one: no credentials of the user running the test leak in
    Files.writeString(authFile, "{}");
    host = "127.0.0.1:" + registry.port();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void skopeoWithCredentials() throws Exception {
    require("skopeo");
    String ref = "docker://" + host + "/shared/bb:1";
    String denied = fails("skopeo", "copy", "--authfile", authFile.toString(), "--dest-tls-verify=false",
        "docker-archive:" + tar, ref);
    assertTrue(denied.contains("unauthorized") || denied.contains("authentication required"), denied);
    run("skopeo", "copy", "--authfile", authFile.toString(), "--dest-tls-verify=false", "--dest-creds", "alice:wonder",
        "docker-archive:" + tar, ref);
    JsonNode inspected = Json.MAPPER.readTree(run("skopeo", "inspect", "--authfile", authFile.toString(),
        "--tls-verify=false", "--creds", "bob:builder", ref));
    assertEquals(1, inspected.path("Layers").size());
    assertEquals("[\"1\"]", Json.MAPPER.readTree(run("skopeo", "list-tags", "--authfile", authFile.toString(),
        "--tls-verify=false", "--creds", "bob:builder", "docker://" + host + "/shared/bb")).path("Tags").toString());
    fails("skopeo", "copy", "--authfile", authFile.toString(), "--src-tls-verify=false", "--dest-tls-verify=false",
        "--src-creds", "bob:builder", "--dest-creds", "bob:builder", ref, "docker://" + host + "/shared/bb:bob");
    fails("skopeo", "inspect", "--authfile", authFile.toString(), "--tls-verify=false", "--creds", "bob:wrong", ref);
    fails("skopeo", "delete", "--authfile", authFile.toString(), "--tls-verify=false", "--creds", "bob:builder", ref);
    run("skopeo", "delete", "--authfile", authFile.toString(), "--tls-verify=false", "--creds", "alice:wonder", ref);
    assertEquals(401, registry.client.get("/v2/shared/bb/manifests/1").statusCode());
  }

  @Test
  void podmanWithCredentials() throws Exception {
    require("podman");
    Path storage = registry.root.resolve("podman");
    Path runroot = Files.createTempDirectory("wharf-podman-"); // podman wants a runroot under 50 characters
    List<String> podman = List.of("podman", "--root", storage.resolve("root").toString(), "--runroot",
        runroot.toString(), "--storage-driver", "vfs", "--events-backend", "none", "--cgroup-manager", "cgroupfs");
    String ref = host + "/team/bb:1";
    try {
      run(with(podman, "load", "-i", tar.toString()));
      fails(with(podman, "push", "--authfile", authFile.toString(), "--tls-verify=false", "busybox:latest", ref)
          .toArray(String[]::new));
      run(with(podman, "push", "--authfile", authFile.toString(), "--tls-verify=false", "--creds", "alice:wonder",
          "busybox:latest", ref));
      run(with(podman, "rmi", "-a", "-f"));
      fails(with(podman, "pull", "--authfile", authFile.toString(), "--tls-verify=false", "--creds", "bob:builder", ref)
          .toArray(String[]::new));
      run(with(podman, "pull", "--authfile", authFile.toString(), "--tls-verify=false", "--creds", "alice:wonder", ref));
      assertTrue(run(with(podman, "images", "--format", "{{.Repository}}:{{.Tag}}")).contains(ref));
    } finally {
      new ProcessBuilder(with(podman, "system", "reset", "-f")).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
      DurableFiles.deleteTree(storage);
      DurableFiles.deleteTree(runroot);
    }
  }
}
