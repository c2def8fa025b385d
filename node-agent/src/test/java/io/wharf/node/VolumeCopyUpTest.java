package io.wharf.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.MountSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeCopyUpTest {
  @TempDir Path dir;

  private MountSpec volume(String target, Path host, String options) {
    return new MountSpec(MountSpec.VOLUME, "v", target, false, null, options, host.toString());
  }

  @Test
  void emptyVolumeGetsTheImageContentWithLinks() throws Exception {
    Path rootfs = Files.createDirectories(dir.resolve("rootfs/data/sub"));
    Files.writeString(dir.resolve("rootfs/data/sub/f"), "seed");
    Files.createSymbolicLink(dir.resolve("rootfs/data/link"), Path.of("sub/f"));
    Path vol = Files.createDirectories(dir.resolve("vol"));
    VolumeCopyUp.fill(dir.resolve("rootfs"), List.of(volume("/data", vol, null)));
    assertEquals("seed", Files.readString(vol.resolve("sub/f")));
    assertTrue(Files.isSymbolicLink(vol.resolve("link")));
    assertTrue(rootfs.toFile().exists());
  }

  @Test
  void nonEmptyVolumeMissingSourceAndNocopyAreLeftAlone() throws Exception {
    Files.createDirectories(dir.resolve("rootfs/data"));
    Files.writeString(dir.resolve("rootfs/data/f"), "seed");
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("mine"), "kept");
    Path nocopy = Files.createDirectories(dir.resolve("nocopy"));
    Path none = Files.createDirectories(dir.resolve("none"));
    VolumeCopyUp.fill(dir.resolve("rootfs"), List.of(volume("/data", full, null),
        volume("/data", nocopy, MountSpec.NO_COPY), volume("/absent", none, null)));
    assertFalse(Files.exists(full.resolve("f")));
    assertFalse(Files.exists(nocopy.resolve("f")));
    try (var s = Files.list(none)) {
      assertEquals(0, s.count());
    }
  }
}
