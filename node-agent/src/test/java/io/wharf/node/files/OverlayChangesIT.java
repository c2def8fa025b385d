package io.wharf.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.node.nativeio.Mounts;
import io.wharf.node.nativeio.Privileged;
import io.wharf.node.nativeio.Xattrs;
import io.wharf.node.snapshot.LayerUnpacker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real overlayfs as root: changes made through the mount (write, delete, replace a directory) are
 * read back from the upper dir as docker diff lines, turned into an OCI layer by the commit
 * writer, and that layer unpacked over the lower reproduces what the mount showed.
 */
class OverlayChangesIT {
  @TempDir Path dir;
  Path lower;
  Path upper;
  Path merged;
  final Mounts mounts = new Mounts();

  @BeforeEach
  void mount() throws Exception {
    Privileged.requireOverlay();
    lower = Files.createDirectories(dir.resolve("lower"));
    upper = Files.createDirectories(dir.resolve("upper"));
    Path work = Files.createDirectories(dir.resolve("work"));
    merged = Files.createDirectories(dir.resolve("merged"));
    Files.createDirectories(lower.resolve("etc"));
    Files.createDirectories(lower.resolve("var/lib/old"));
    Files.writeString(lower.resolve("etc/passwd"), "root");
    Files.writeString(lower.resolve("etc/gone"), "x");
    Files.writeString(lower.resolve("var/lib/old/f"), "x");
    mounts.mount("overlay", merged.toString(), "overlay", 0,
        "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
  }

  @AfterEach
  void unmount() {
    if (merged != null) {
      mounts.umount2(merged.toString(), Mounts.MNT_DETACH);
    }
  }

  @Test
  void diffAndCommitLayerFollowTheMount() throws Exception {
    Files.writeString(merged.resolve("etc/passwd"), "root\nme");
    Files.delete(merged.resolve("etc/gone"));
    Files.delete(merged.resolve("var/lib/old/f"));
    Files.delete(merged.resolve("var/lib/old"));
    Files.createDirectories(merged.resolve("var/lib/old"));
    Files.writeString(merged.resolve("var/lib/old/g"), "g");
    Files.writeString(merged.resolve("new.txt"), "n");

    List<String> lines = new ArrayList<>();
    for (UpperDirChanges.Change c : new UpperDirChanges(upper, List.of(lower)).scan()) {
      lines.add("CAD".charAt(c.kind()) + " " + c.path());
    }
    assertEquals(List.of("C /etc", "D /etc/gone", "C /etc/passwd", "A /new.txt", "C /var/lib/old",
        "A /var/lib/old/g"), lines);

    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    TreeTar tar = new TreeTar(layer, true, new Xattrs());
    try (Stream<Path> top = Files.list(upper)) {
      for (Path p : top.sorted().toList()) {
        tar.add(p, p.getFileName().toString());
      }
    }
    tar.finish();
    Path replay = Files.createDirectories(dir.resolve("replay"));
    new LayerUnpacker().unpack(new ByteArrayInputStream(layer.toByteArray()), replay);
    // the replayed layer is in overlay form again: whiteout for etc/gone, opaque var/lib/old
    assertTrue(Files.exists(replay.resolve("etc/gone"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("y", new String(new Xattrs().get(replay.resolve("var/lib/old").toString(),
        "trusted.overlay.opaque").orElseThrow()));
    assertEquals("root\nme", Files.readString(replay.resolve("etc/passwd")));
    assertFalse(Files.exists(replay.resolve("var/lib/old/f")));
  }
}
