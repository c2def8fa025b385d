package io.wharf.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.volume.VolumeRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeStoreTest {
  @TempDir Path dir;

  private VolumeStore store() {
    return new VolumeStore(dir, "n1");
  }

  private static VolumeRequests.Create create(String name, Map<String, String> labels) {
    return new VolumeRequests.Create(name, "local", labels, Map.of());
  }

  @Test
  void createIsIdempotentAndSurvivesANewStore() {
    VolumeStore s = store();
    assertTrue(s.create(create("vol1", Map.of("a", "b")), false).fresh());
    assertFalse(s.create(create("vol1", Map.of()), false).fresh());
    var v = store().get("vol1");
    assertEquals(Map.of("a", "b"), v.labels());
    assertEquals(dir.resolve("vol1/_data").toString(), v.mountpoint());
    assertTrue(Files.isDirectory(dir.resolve("vol1/_data")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "-x", "a/b", "x y", "é1"})
  void invalidNamesAreRefused(String name) {
    var e = assertThrows(WharfException.class, () -> store().create(create(name, Map.of()), false));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().contains("includes invalid characters for a local volume name"), e.getMessage());
  }

  @Test
  void unknownDriverAndOptionAreRefused() {
    var driver = assertThrows(WharfException.class,
        () -> store().create(new VolumeRequests.Create("v1", "nfsx", Map.of(), Map.of()), false));
    assertEquals(ErrorCategory.NOT_FOUND, driver.category());
    var opt = assertThrows(WharfException.class,
        () -> store().create(new VolumeRequests.Create("v1", "local", Map.of(), Map.of("bogus", "1")), false));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, opt.category());
    assertTrue(store().list().isEmpty());
  }

  @Test
  void inUseVolumeIsNotRemovableUntilReleased() {
    VolumeStore s = store();
    s.mount(new VolumeRequests.Mount("vv1", "c1", false));
    var e = assertThrows(WharfException.class, () -> s.remove("vv1", false));
    assertEquals(ErrorCategory.CONFLICT, e.category());
    assertEquals("remove vv1: volume is in use - [c1]", e.getMessage());
    s.release("c1", true);
    assertTrue(s.remove("vv1", false));
    assertThrows(WharfException.class, () -> s.get("vv1"));
    assertFalse(s.remove("vv1", true));
  }

  @Test
  void releaseRemovesOnlyAnonymousVolumesWhenAsked() {
    VolumeStore s = store();
    String anon = s.mount(new VolumeRequests.Mount(null, "c1", true)).volume().name();
    assertEquals(64, anon.length());
    s.mount(new VolumeRequests.Mount("named1", "c1", false));
    assertEquals(List.of(anon), s.release("c1", true));
    assertEquals(List.of("named1"), s.list().stream().map(v -> v.name()).toList());
  }

  @Test
  void pruneTakesAnonymousOnlyUnlessAll() {
    VolumeStore s = store();
    s.create(create("pv1", Map.of()), false);
    String anon = s.create(create(null, Map.of()), true).volume().name();
    s.mount(new VolumeRequests.Mount("busy1", "c1", false));
    assertEquals(List.of(anon), s.prune(false, Map.of()).deleted());
    assertEquals(List.of("pv1"), s.prune(true, Map.of()).deleted());
    assertEquals(List.of("busy1"), s.list().stream().map(v -> v.name()).toList());
  }
}
