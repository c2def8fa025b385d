package io.wharf.registry.v2;

import static io.wharf.registry.v2.Tools.require;
import static io.wharf.registry.v2.Tools.run;
import static io.wharf.registry.v2.Tools.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.wharf.api.Json;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.TestImages;
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
 * Real OCI clients against the registry: skopeo (copy in both formats, inspect, list-tags,
 * registry-to-registry copy with cross-repository mounts, delete) and podman (push, pull) with an
 * isolated storage root. Missing tools skip the test, or fail it when CI=true.
 */
@ExtendWith(VertxExtension.class)
class RealClientsIT {
  private RegistryFixture registry;
  private Path tar;
  private String host;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    registry = RegistryFixture.start(vertx, "clients", null);
    tar = TestImages.busyboxTar(registry.root.resolve("bb.tar"), "busybox:latest");
    host = "127.0.0.1:" + registry.port();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void skopeo() throws Exception {
    require("skopeo");
    run("skopeo", "copy", "--dest-tls-verify=false", "docker-archive:" + tar, "docker://" + host + "/skopeo/bb:1");
    run("skopeo", "copy", "--dest-tls-verify=false", "--format", "oci", "docker-archive:" + tar,
        "docker://" + host + "/skopeo/bb:oci");
    JsonNode inspected = Json.MAPPER.readTree(run("skopeo", "inspect", "--tls-verify=false", "docker://" + host + "/skopeo/bb:1"));
    assertEquals(1, inspected.path("Layers").size());
    JsonNode tags = Json.MAPPER.readTree(run("skopeo", "list-tags", "--tls-verify=false", "docker://" + host + "/skopeo/bb"));
    assertEquals("[\"1\",\"oci\"]", tags.path("Tags").toString());
    run("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "docker://" + host + "/skopeo/bb:1",
        "docker://" + host + "/other/bb:copied");
    Path oci = registry.root.resolve("pulled-oci");
    run("skopeo", "copy", "--src-tls-verify=false", "docker://" + host + "/other/bb:copied", "oci:" + oci + ":x");
    assertTrue(Files.exists(oci.resolve("index.json")));
    run("skopeo", "delete", "--tls-verify=false", "docker://" + host + "/skopeo/bb:oci");
    assertEquals(404, registry.client.get("/v2/skopeo/bb/manifests/oci").statusCode());
    assertEquals(200, registry.client.get("/v2/skopeo/bb/manifests/1").statusCode());
  }

  @Test
  void podmanPushAndPull() throws Exception {
    require("podman");
    Path storage = registry.root.resolve("podman");
    Path runroot = Files.createTempDirectory("wharf-podman-"); // podman wants a runroot under 50 characters
    List<String> podman = List.of("podman", "--root", storage.resolve("root").toString(), "--runroot",
        runroot.toString(), "--storage-driver", "vfs", "--events-backend", "none",
        "--cgroup-manager", "cgroupfs");
    try {
      run(with(podman, "load", "-i", tar.toString()));
      run(with(podman, "push", "--tls-verify=false", "busybox:latest", host + "/podman/bb:1"));
      assertEquals(200, registry.client.head("/v2/podman/bb/manifests/1").statusCode());
      run(with(podman, "rmi", "-a", "-f"));
      run(with(podman, "pull", "--tls-verify=false", host + "/podman/bb:1"));
      assertTrue(run(with(podman, "images", "--format", "{{.Repository}}:{{.Tag}}")).contains(host + "/podman/bb:1"));
    } finally {
      new ProcessBuilder(with(podman, "system", "reset", "-f")).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
      DurableFiles.deleteTree(storage);
      DurableFiles.deleteTree(runroot);
    }
  }
}
