package io.wharf.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.node.nativeio.DeviceNodes;
import io.wharf.node.nativeio.Privileged;
import io.wharf.node.nativeio.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker diff and the commit layer over a hand-made overlay upper dir: whiteouts are 0/0 char
 * devices (root needed to make them), an opaque dir carries trusted.overlay.opaque=y.
 */
class UpperDirChangesTest {
  @TempDir Path dir;
  Path lower;
  Path upper;

  @BeforeEach
  void layers() throws Exception {
    Privileged.requireRoot();
    lower = Files.createDirectories(dir.resolve("lower"));
    upper = Files.createDirectories(dir.resolve("upper"));
    for (String d : List.of("etc", "tmp", "var/cache")) {
      Files.createDirectories(lower.resolve(d));
      Files.createDirectories(upper.resolve(d));
      FileTime t = Files.getLastModifiedTime(lower.resolve(d));
      Files.setLastModifiedTime(upper.resolve(d), t);
    }
    Files.createDirectories(upper.resolve("var"));
    Files.writeString(lower.resolve("etc/passwd"), "root");
    Files.writeString(lower.resolve("etc/gone"), "x");
    Files.writeString(lower.resolve("var/cache/old"), "x");
    Files.writeString(upper.resolve("etc/passwd"), "root\nme");
    new DeviceNodes().whiteout(upper.resolve("etc/gone").toString());
    Files.writeString(upper.resolve("tmp/new.txt"), "n");
    Files.createDirectories(upper.resolve("newdir/sub"));
    Files.writeString(upper.resolve("etc/hostname"), "");
    new Xattrs().set(upper.resolve("var/cache").toString(), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void classifiesLikeDockersOverlayDriver() throws Exception {
    List<String> lines = new ArrayList<>();
    for (UpperDirChanges.Change c : new UpperDirChanges(upper, List.of(lower)).scan()) {
      lines.add("CAD".charAt(c.kind()) + " " + c.path());
    }
    assertEquals(List.of("C /etc", "D /etc/gone", "C /etc/passwd", "A /newdir", "A /newdir/sub",
        "C /tmp", "A /tmp/new.txt"), lines);
  }

  @Test
  void commitLayerHasOciWhiteoutsAndNoInitFiles() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TreeTar tar = new TreeTar(out, true, new Xattrs()).skipping(UpperDirChanges.INIT_PATHS);
    for (String top : List.of("etc", "newdir", "tmp", "var")) {
      tar.add(upper.resolve(top), top);
    }
    tar.finish();
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertEquals(List.of("etc/", "etc/.wh.gone", "etc/passwd", "newdir/", "newdir/sub/", "tmp/", "tmp/new.txt",
        "var/", "var/cache/", "var/cache/.wh..wh..opq"), names);
  }
}
