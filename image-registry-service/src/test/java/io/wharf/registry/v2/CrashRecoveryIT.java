package io.wharf.registry.v2;

import static io.wharf.registry.v2.V2Client.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.registry.TestImages;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.DurableFiles;
import io.wharf.registry.store.RegistryPaths;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a registry JVM during 20 concurrent chunked pushes. After a restart: every push that
 * completed (manifest PUT answered 201) is intact and digest-correct; every blob file in the store
 * hashes to its name (no partial blob is ever served); interrupted upload sessions resume to a
 * correct blob; a restart with a zero stale age purges the rest.
 */
class CrashRecoveryIT {
  private static final int PUSHES = 20;
  private static final int CHUNK = 128 * 1024;
  private Path root;
  private final List<RegistryProcess> started = new ArrayList<>();

  /** A completed push: repository, tag, manifest bytes. */
  private record Pushed(String repo, String tag, byte[] manifest) {}

  @BeforeEach
  void setUp() throws Exception {
    root = TestImages.freshDir("crash");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (RegistryProcess p : started) {
      p.close();
    }
    DurableFiles.deleteTree(root);
  }

  private RegistryProcess start(int port, String config) throws Exception {
    RegistryProcess p = RegistryProcess.start(root.resolve("data"), port, config, root.resolve("registry.log"));
    started.add(p);
    return p;
  }

  @Test
  void completedPushesSurviveAKillAndInterruptedUploadsResume() throws Exception {
    int port = RegistryProcess.freePort();
    RegistryProcess first = start(port, "{}");
    V2Client c = new V2Client(first.url());
    ConcurrentLinkedQueue<Pushed> completed = new ConcurrentLinkedQueue<>();
    Map<String, byte[]> sessions = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(PUSHES);
    for (int i = 0; i < PUSHES; i++) {
      int n = i;
      pool.submit(() -> {
        for (int round = 0; ; round++) {
          try {
            completed.add(push(c, "crash/p" + n, "r" + round, sessions));
          } catch (Throwable t) {
            return; // the registry died under us
          }
        }
      });
    }
    while (completed.size() < PUSHES) {
      Thread.sleep(50);
    }
    first.kill();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));

    RegistryProcess second = start(port, "{}");
    V2Client after = new V2Client(second.url());
    for (Pushed p : completed) {
      HttpResponse<byte[]> m = after.get("/v2/" + p.repo() + "/manifests/" + p.tag());
      assertEquals(200, m.statusCode(), p.repo() + ":" + p.tag());
      assertArrayEquals(p.manifest(), m.body());
      for (var d : V2Client.json(m).path("layers")) {
        HttpResponse<byte[]> blob = after.get("/v2/" + p.repo() + "/blobs/" + d.path("digest").asText());
        assertEquals(d.path("digest").asText(), Digests.of(blob.body()));
      }
    }
    RegistryPaths paths = new RegistryPaths(root.resolve("data"));
    assertEveryBlobHashesToItsName(paths);
    int resumed = resumeInterrupted(after, paths, sessions);
    second.kill();

    start(port, "{\"uploadMaxAgeSeconds\": 0}");
    assertEquals(0, TestImages.countFiles(paths.uploads()), "stale sessions purged at start (resumed: " + resumed + ")");
  }

  private static Pushed push(V2Client c, String repo, String tag, Map<String, byte[]> sessions) throws Exception {
    byte[] layer = TestContent.random(CHUNK * 4 + 1000);
    String location = header(c.send("POST", "/v2/" + repo + "/blobs/uploads/", null, Map.of()), "Location");
    sessions.put(location, layer);
    for (int off = 0; off < layer.length; off += CHUNK) {
      int end = Math.min(layer.length, off + CHUNK);
      HttpResponse<byte[]> r = c.send("PATCH", location, Arrays.copyOfRange(layer, off, end),
          Map.of("Content-Range", off + "-" + (end - 1)));
      if (r.statusCode() != 202) {
        throw new IllegalStateException("PATCH " + r.statusCode());
      }
      location = header(r, "Location");
    }
    HttpResponse<byte[]> fin = c.send("PUT", location + "?digest=" + Digests.of(layer), null, Map.of());
    if (fin.statusCode() != 201) {
      throw new IllegalStateException("PUT " + fin.statusCode());
    }
    sessions.remove(location);
    byte[] config = TestContent.config(List.of(Digests.of(layer)));
    TestContent.pushBlob(c, repo, config);
    byte[] manifest = TestContent.manifest(config, MediaTypes.OCI_CONFIG, List.of(layer), null, null);
    if (TestContent.putManifest(c, repo, tag, manifest, MediaTypes.OCI_MANIFEST).statusCode() != 201) {
      throw new IllegalStateException("manifest");
    }
    return new Pushed(repo, tag, manifest);
  }

  private static void assertEveryBlobHashesToItsName(RegistryPaths paths) throws Exception {
    try (Stream<Path> files = Files.list(paths.blobs())) {
      for (Path f : files.toList()) {
        assertEquals("sha256:" + f.getFileName(), Digests.of(Files.readAllBytes(f)), "partial blob " + f);
      }
    }
  }

  /** Every session still on disk reports its offset and completes from there to the right digest. */
  private static int resumeInterrupted(V2Client c, RegistryPaths paths, Map<String, byte[]> sessions) throws Exception {
    int resumed = 0;
    for (Map.Entry<String, byte[]> s : sessions.entrySet()) {
      String id = s.getKey().substring(s.getKey().lastIndexOf('/') + 1);
      if (!Files.exists(paths.uploadState(id)) || !Files.exists(paths.uploadData(id))) {
        continue; // killed inside POST (never announced) or after the commit (the blob is in place)
      }
      HttpResponse<byte[]> status = c.get(s.getKey());
      assertEquals(204, status.statusCode());
      String range = header(status, "Range");
      int offset = Files.size(paths.uploadData(id)) == 0 ? 0 : Integer.parseInt(range.substring(2)) + 1;
      byte[] blob = s.getValue();
      assertTrue(offset <= blob.length);
      HttpResponse<byte[]> fin = c.send("PUT", s.getKey() + "?digest=" + Digests.of(blob),
          Arrays.copyOfRange(blob, offset, blob.length), Map.of("Content-Range", offset + "-" + (blob.length - 1)));
      if (offset == blob.length) {
        fin = c.send("PUT", s.getKey() + "?digest=" + Digests.of(blob), null, Map.of());
      }
      assertEquals(201, fin.statusCode(), new String(fin.body()));
      resumed++;
    }
    assertFalse(sessions.isEmpty(), "the kill should interrupt some uploads");
    return resumed;
  }
}
