package io.wharf.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.node.NodePaths;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LayerStoreTest {
  private final byte[] tar = new TarBuilder().file("hello", "world", 0644).bytes();

  @Test
  void unpacksOnceAndReportsPresence() throws Exception {
    try (Sandbox box = new Sandbox("store")) {
      NodePaths paths = paths(box);
      LayerStore store = new LayerStore(paths, new LayerUnpacker());
      String diffId = TarBuilder.diffId(tar);
      assertFalse(store.has(diffId));
      AtomicInteger fetches = new AtomicInteger();
      byte[] gzipped = TarBuilder.gzip(tar);
      Path layer = store.ensure(diffId, () -> {
        fetches.incrementAndGet();
        return new ByteArrayInputStream(gzipped);
      });
      assertEquals(paths.layer(diffId), layer);
      assertEquals("world", Files.readString(layer.resolve("hello")));
      assertTrue(store.has(diffId));
      store.ensure(diffId, () -> { throw new AssertionError("already unpacked"); });
      assertEquals(1, fetches.get());
      assertEquals(0, count(paths.layerTmp()));
    }
  }

  @Test
  void concurrentEnsureOfOneLayerUnpacksOnce() throws Exception {
    try (Sandbox box = new Sandbox("store-race")) {
      LayerStore store = new LayerStore(paths(box), new LayerUnpacker());
      String diffId = TarBuilder.diffId(tar);
      AtomicInteger fetches = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(pool.submit(() -> store.ensure(diffId, () -> {
            fetches.incrementAndGet();
            return new ByteArrayInputStream(tar);
          })));
        }
        for (Future<Path> r : results) {
          assertEquals(paths(box).layer(diffId), r.get());
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, fetches.get());
    }
  }

  @Test
  void digestMismatchLeavesNothingBehind() throws Exception {
    try (Sandbox box = new Sandbox("store-mismatch")) {
      NodePaths paths = paths(box);
      LayerStore store = new LayerStore(paths, new LayerUnpacker());
      String wrong = "sha256:" + "a".repeat(64);
      WharfException e = assertThrows(WharfException.class, () -> store.ensure(wrong, () -> new ByteArrayInputStream(tar)));
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
      assertTrue(e.getMessage().contains("layer " + wrong + " does not match its diffID"), e.getMessage());
      assertFalse(store.has(wrong));
      assertEquals(0, count(paths.layerTmp()));
    }
  }

  @Test
  void hostileLayerLeavesNothingBehind() throws Exception {
    try (Sandbox box = new Sandbox("store-hostile")) {
      NodePaths paths = paths(box);
      byte[] bad = new TarBuilder().file("ok", "ok", 0644).file("../x", "x", 0644).bytes();
      LayerStore store = new LayerStore(paths, new LayerUnpacker());
      assertThrows(WharfException.class, () -> store.ensure(TarBuilder.diffId(bad), () -> new ByteArrayInputStream(bad)));
      assertEquals(0, count(paths.layerTmp()));
    }
  }

  @Test
  void refusesMalformedDiffIds() throws Exception {
    try (Sandbox box = new Sandbox("store-bad-id")) {
      LayerStore store = new LayerStore(paths(box), new LayerUnpacker());
      for (String bad : new String[] {"", "abc", "sha256:XYZ", "sha256:" + "A".repeat(64), "sha512:" + "a".repeat(64),
          "sha256:../../etc"}) {
        WharfException e = assertThrows(WharfException.class, () -> store.has(bad));
        assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
      }
    }
  }

  @Test
  void removeDeletesTheLayerAndIsIdempotent() throws Exception {
    try (Sandbox box = new Sandbox("store-remove")) {
      NodePaths paths = paths(box);
      LayerStore store = new LayerStore(paths, new LayerUnpacker());
      String diffId = TarBuilder.diffId(tar);
      store.ensure(diffId, () -> new ByteArrayInputStream(tar));
      store.remove(diffId);
      assertFalse(store.has(diffId));
      assertEquals(0, count(paths.layerTmp()));
      store.remove(diffId);
    }
  }

  @Test
  void purgeTempRemovesLeftovers() throws Exception {
    try (Sandbox box = new Sandbox("store-purge")) {
      NodePaths paths = paths(box);
      Path leftover = Files.createDirectories(paths.layerTmp().resolve("dead/usr/bin"));
      Files.writeString(leftover.resolve("f"), "f");
      new LayerStore(paths, new LayerUnpacker()).purgeTemp();
      assertEquals(0, count(paths.layerTmp()));
    }
  }

  private static NodePaths paths(Sandbox box) {
    return new NodePaths(box.dir.resolve("data"), box.dir.resolve("run"));
  }

  private static long count(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}
