package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
  @TempDir
  Path dir;

  @Test
  void keysDependOnParentAndStepText() {
    String k = BuildCache.key("sha256:a", "/bin/sh -c echo hi");
    assertEquals(k, BuildCache.key("sha256:a", "/bin/sh -c echo hi"));
    assertNotEquals(k, BuildCache.key("sha256:b", "/bin/sh -c echo hi"));
    assertNotEquals(k, BuildCache.key("sha256:a", "|1 X=1 /bin/sh -c echo hi"));
    assertNotEquals(BuildCache.key(null, "x"), BuildCache.key("sha256:a", "x"));
  }

  @Test
  void entriesSurviveAReopenAndForgetIsDurable() {
    Path file = dir.resolve("build-cache.json");
    BuildCache cache = BuildCache.open(file);
    cache.store("k1", "sha256:1");
    cache.store("k2", "sha256:2");
    cache.forget("k2");
    BuildCache again = BuildCache.open(file);
    assertEquals(Optional.of("sha256:1"), again.lookup("k1"));
    assertEquals(Optional.empty(), again.lookup("k2"));
    assertTrue(Files.exists(file));
    assertEquals(1, again.size());
  }

  @Test
  void aTornFileIsAnEmptyCache() throws Exception {
    Path file = dir.resolve("build-cache.json");
    Files.writeString(file, "{\"k1\":");
    assertEquals(0, BuildCache.open(file).size());
  }
}
