package io.wharf.registry.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.distribution.GarbageCollector;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.RegistryPaths;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Online mark-and-sweep: what goes, what stays, and safety while pushes continue. */
@ExtendWith(VertxExtension.class)
class GarbageCollectionTest {
  private RegistryFixture registry;

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void sweepsUnreferencedBlobsOlderThanTheGracePeriodOnly(Vertx vertx) throws Exception {
    registry = RegistryFixture.start(vertx, "gc", null);
    V2Client c = registry.client;
    byte[] kept = TestContent.pushImage(c, "app", "1", 100);
    byte[] deleted = TestContent.pushImage(c, "app", "2", 100);
    String orphan = TestContent.pushBlob(c, "app", TestContent.random(100));
    String young = TestContent.pushBlob(c, "app", TestContent.random(100));
    assertEquals(202, c.delete("/v2/app/manifests/" + Digests.of(deleted)).statusCode());
    ageAllBlobsExcept(young);
    GarbageCollector.Report report = registry.verticle.collectGarbage().await();
    assertEquals(1, report.swept(), "the orphan (the deleted image's blobs went with its Docker record)");
    String layer = V2Client.json(c.get("/v2/app/manifests/1")).path("layers").path(0).path("digest").asText();
    assertEquals(200, c.head("/v2/app/blobs/" + layer).statusCode());
    assertEquals(404, c.get("/v2/app/manifests/" + Digests.of(deleted)).statusCode());
    assertEquals(404, c.head("/v2/app/blobs/" + orphan).statusCode());
    assertEquals(200, c.head("/v2/app/blobs/" + young).statusCode(), "inside the grace period");
    assertPullable(c, "app", Digests.of(kept));
  }

  @Test
  void pushesRunningDuringCollectionsStayIntact(Vertx vertx) throws Exception {
    registry = RegistryFixture.start(vertx, "gc-race", new JsonObject().put("gc", new JsonObject().put("graceSeconds", 0)));
    V2Client c = registry.client;
    ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> pushers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int thread = t;
        pushers.add(pool.submit(() -> {
          for (int i = 0; i < 15; i++) {
            try {
              byte[] m = TestContent.pushImage(c, "race/t" + thread, "i" + i, 2000);
              completed.add("race/t" + thread + "@" + Digests.of(m));
            } catch (Throwable e) {
              // with no grace period a layer may be swept before its manifest: the push fails cleanly
            }
          }
          return null;
        }));
      }
      Future<?> collector = pool.submit(() -> {
        while (!done.get()) {
          registry.verticle.collectGarbage().await();
        }
        return null;
      });
      for (Future<?> f : pushers) {
        f.get();
      }
      done.set(true);
      collector.get();
    } finally {
      pool.shutdownNow();
    }
    assertFalse(completed.isEmpty());
    registry.verticle.collectGarbage().await();
    for (String ref : completed) {
      String[] p = ref.split("@");
      assertPullable(c, p[0], p[1]);
    }
  }

  private static void assertPullable(V2Client c, String repo, String digest) throws Exception {
    HttpResponse<byte[]> m = c.get("/v2/" + repo + "/manifests/" + digest);
    assertEquals(200, m.statusCode(), repo + "@" + digest);
    JsonNode manifest = V2Client.json(m);
    List<String> blobs = new ArrayList<>();
    blobs.add(manifest.path("config").path("digest").asText());
    manifest.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
    for (String b : blobs) {
      HttpResponse<byte[]> blob = c.get("/v2/" + repo + "/blobs/" + b);
      assertEquals(200, blob.statusCode(), repo + " blob " + b);
      assertEquals(b, Digests.of(blob.body()));
    }
    assertTrue(MediaTypes.isManifest(manifest.path("mediaType").asText()));
  }

  private void ageAllBlobsExcept(String young) throws Exception {
    Path blobs = new RegistryPaths(registry.root.resolve("data")).blobs();
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path f : files.toList()) {
        if (!young.endsWith(f.getFileName().toString())) {
          Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        }
      }
    }
  }
}
