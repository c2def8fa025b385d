package io.wharf.registry.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.ClusterMaps.ClusterKeys;
import io.wharf.api.InternalHttp;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.TestImages;
import io.wharf.registry.store.DurableFiles;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interoperability with CNCF Distribution (Debian docker-registry, started here on loopback and
 * stopped by PID): Wharf pulls from it, pushes to it, and uses it as a pull-through upstream.
 */
@ExtendWith(VertxExtension.class)
class DistributionInteropIT {
  private Process distribution;
  private Path dir;
  private int port;
  private RegistryFixture wharf;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    boolean present = new ProcessBuilder("sh", "-c", "command -v docker-registry && command -v skopeo").start().waitFor() == 0;
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("docker-registry or skopeo is not installed");
    }
    Assumptions.assumeTrue(present, "docker-registry or skopeo is not installed");
    dir = TestImages.freshDir("interop");
    port = RegistryProcess.freePort();
    Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
        + "    rootdirectory: " + dir.resolve("dist") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
    distribution = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("distribution.log").toFile()).start();
    V2Client probe = new V2Client("http://127.0.0.1:" + port);
    for (int i = 0; i < 100; i++) {
      try {
        if (probe.get("/v2/").statusCode() == 200) {
          break;
        }
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    wharf = RegistryFixture.start(vertx, "interop-wharf", new JsonObject().put("proxies", new JsonArray()
        .add(new JsonObject().put("url", "http://127.0.0.1:" + port).put("prefix", "mirror/"))));
  }

  @AfterEach
  void stop() throws Exception {
    if (wharf != null) {
      wharf.close();
    }
    if (distribution != null) {
      distribution.destroy();
      distribution.waitFor(10, TimeUnit.SECONDS);
    }
    if (dir != null) {
      DurableFiles.deleteTree(dir);
    }
  }

  @Test
  void pullPushAndPullThroughWithDistribution(Vertx vertx) throws Exception {
    Path tar = TestImages.busyboxTar(dir.resolve("bb.tar"), "busybox:latest");
    String host = "127.0.0.1:" + port;
    run("skopeo", "copy", "--dest-tls-verify=false", "docker-archive:" + tar, "docker://" + host + "/lib/bb:1");

    HttpResponse<byte[]> pulled = internal(vertx, "/images/pull?fromImage=" + q(host + "/lib/bb") + "&tag=1");
    assertEquals(200, pulled.statusCode(), new String(pulled.body()));
    assertTrue(new String(pulled.body()).contains("Downloaded newer image for " + host + "/lib/bb:1"));

    Bus.request(vertx.eventBus(), Addresses.IMAGE_TAG, new ImageRequests.Tag(host + "/lib/bb:1", host + "/back/bb", "2"),
        ImageSummary.class).await();
    HttpResponse<byte[]> pushed = internal(vertx, "/images/push?name=" + q(host + "/back/bb") + "&tag=2");
    assertEquals(200, pushed.statusCode(), new String(pushed.body()));
    assertTrue(run("skopeo", "inspect", "--tls-verify=false", "docker://" + host + "/back/bb:2").contains("\"Digest\""));

    assertEquals(200, wharf.client.get("/v2/mirror/lib/bb/manifests/1").statusCode(), "pull-through from Distribution");
    Path out = dir.resolve("through");
    run("skopeo", "copy", "--src-tls-verify=false", "docker://127.0.0.1:" + wharf.port() + "/mirror/lib/bb:1", "dir:" + out);
    assertTrue(Files.exists(out.resolve("manifest.json")));
  }

  private HttpResponse<byte[]> internal(Vertx vertx, String path) throws Exception {
    String token = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.CLUSTER).await().get(ClusterKeys.TOKEN).await();
    return wharf.client.send("POST", InternalHttp.PREFIX + path, null, Map.of(InternalHttp.TOKEN_HEADER, token));
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + ":\n" + out);
    return out;
  }
}
