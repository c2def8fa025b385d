package io.wharf.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.node.nativeio.Xattrs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayerUnpackerTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private final LayerUnpacker unpacker = new LayerUnpacker();

  /** Each case builds a hostile layer given the sandbox's outside dir; all must be refused. */
  static Stream<Arguments> hostileLayers() {
    return Stream.<Object[]>of(
        new Object[] {"dot-dot", "contains a \"..\" segment", (Function<Path, TarBuilder>) out -> new TarBuilder().file("../x", "x", 0644)},
        new Object[] {"absolute", "has an absolute path", (Function<Path, TarBuilder>) out ->
            new TarBuilder().file(out.resolve("abs").toString(), "x", 0644)},
        new Object[] {"dot-dot inside", "contains a \"..\" segment", (Function<Path, TarBuilder>) out ->
            new TarBuilder().dir("a/", 0755).file("a/../../x", "x", 0644)},
        new Object[] {"write through absolute symlink", "goes through the symlink evil", (Function<Path, TarBuilder>) out ->
            new TarBuilder().symlink("evil", out.toString()).file("evil/passwd", "pwned", 0644)},
        new Object[] {"write through relative symlink", "goes through the symlink evil", (Function<Path, TarBuilder>) out ->
            new TarBuilder().symlink("evil", "../outside").file("evil/passwd", "pwned", 0644)},
        new Object[] {"dir through symlink", "goes through the symlink evil", (Function<Path, TarBuilder>) out ->
            new TarBuilder().symlink("evil", out.toString()).dir("evil/sub/", 0755)},
        new Object[] {"hard link placed through symlink", "goes through the symlink evil", (Function<Path, TarBuilder>) out ->
            new TarBuilder().file("f", "f", 0644).symlink("evil", out.toString()).hardlink("evil/h", "f")},
        new Object[] {"hard link target through symlink", "goes through the symlink evil", (Function<Path, TarBuilder>) out ->
            new TarBuilder().symlink("evil", out.toString()).hardlink("h", "evil/passwd")},
        new Object[] {"hard link to ../outside", "contains a \"..\" segment", (Function<Path, TarBuilder>) out ->
            new TarBuilder().hardlink("h", "../outside/passwd")},
        new Object[] {"hard link to absolute", "has an absolute path", (Function<Path, TarBuilder>) out ->
            new TarBuilder().hardlink("h", out.resolve("passwd").toString())},
        new Object[] {"whiteout of ..", "whiteout of an invalid name", (Function<Path, TarBuilder>) out ->
            new TarBuilder().dir("a/", 0755).file("a/.wh...", "", 0644)},
        new Object[] {"whiteout through symlink", "goes through the symlink evil", (Function<Path, TarBuilder>) out ->
            new TarBuilder().symlink("evil", out.toString()).file("evil/.wh.passwd", "", 0644)},
        new Object[] {"opaque marker through symlink", "goes through the symlink evil", (Function<Path, TarBuilder>) out ->
            new TarBuilder().symlink("evil", out.toString()).file("evil/.wh..wh..opq", "", 0644)},
        new Object[] {"symlink then replaced parent dir stays refused", "goes through the symlink d", (Function<Path, TarBuilder>) out ->
            new TarBuilder().dir("d/", 0755).symlink("d", out.toString()).file("d/passwd", "pwned", 0644)},
        new Object[] {"file through a file", "goes through the non-directory f", (Function<Path, TarBuilder>) out ->
            new TarBuilder().file("f", "f", 0644).file("f/g", "g", 0644)}
    ).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("hostileLayers")
  void refusesHostileLayerAndWritesNothingOutside(String name, String reason, Function<Path, TarBuilder> layer)
      throws Exception {
    try (Sandbox box = new Sandbox("unpack-hostile")) {
      byte[] tar = layer.apply(box.outside).bytes();
      WharfException e = assertThrows(WharfException.class, () -> unpack(tar, box.root));
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category(), e.getMessage());
      assertTrue(e.getMessage().contains(reason), e.getMessage());
      assertEquals(List.of("outside", "outside/passwd"), box.everythingOutsideRoot());
      assertEquals("original", box.outsidePasswd());
    }
  }

  @Test
  void unpacksNormalTreeAndReturnsDiffId() throws Exception {
    byte[] tar = new TarBuilder().dir("./", 0755).dir("./bin/", 0755).file("./bin/busybox", "BB", 0755)
        .symlink("./bin/sh", "busybox").hardlink("./bin/bb2", "./bin/busybox")
        .file("etc/deep/nested.conf", "n", 0600).bytes();
    try (Sandbox box = new Sandbox("unpack-normal")) {
      assertEquals(TarBuilder.diffId(tar), unpack(tar, box.root));
      Path busybox = box.root.resolve("bin/busybox");
      assertEquals("BB", Files.readString(busybox));
      assertEquals(Path.of("busybox"), Files.readSymbolicLink(box.root.resolve("bin/sh")));
      assertEquals(Files.getAttribute(busybox, "unix:ino"), Files.getAttribute(box.root.resolve("bin/bb2"), "unix:ino"));
      assertEquals(0600, mode(box.root.resolve("etc/deep/nested.conf")));
      assertEquals(0755, mode(box.root.resolve("etc/deep")), "implicit parents are 0755");
      FileTime expected = FileTime.fromMillis(TarBuilder.MTIME_MILLIS);
      assertEquals(expected, Files.getLastModifiedTime(box.root.resolve("bin"), NOFOLLOW), "dir mtime after children");
      assertEquals(expected, Files.getLastModifiedTime(box.root.resolve("bin/sh"), NOFOLLOW), "symlink mtime");
      assertEquals(expected, Files.getLastModifiedTime(busybox, NOFOLLOW));
    }
  }

  @Test
  void keepsSetuidSetgidAndSticky() throws Exception {
    byte[] tar = new TarBuilder().file("su", "s", 04755).file("sg", "g", 02755).dir("tmp/", 01777).bytes();
    try (Sandbox box = new Sandbox("unpack-modes")) {
      unpack(tar, box.root);
      assertEquals(04755, mode(box.root.resolve("su")));
      assertEquals(02755, mode(box.root.resolve("sg")));
      assertEquals(01777, mode(box.root.resolve("tmp")));
    }
  }

  @Test
  void keepsNumericOwnersAndSetuidAsRoot() throws Exception {
    assumeTrue(TarBuilder.UID == 0, "chown to other users needs root");
    byte[] tar = new TarBuilder().owned("ping", "p", 04755, 1234, 5678).bytes();
    try (Sandbox box = new Sandbox("unpack-owners")) {
      unpack(tar, box.root);
      Path ping = box.root.resolve("ping");
      assertEquals(1234, Files.getAttribute(ping, "unix:uid"));
      assertEquals(5678, Files.getAttribute(ping, "unix:gid"));
      assertEquals(04755, mode(ping), "chmod after chown keeps setuid");
    }
  }

  @Test
  void laterDirectoryEntryKeepsContentsAndUpdatesMode() throws Exception {
    byte[] tar = new TarBuilder().dir("d/", 0755).file("d/f", "f", 0644).dir("d/", 0700).bytes();
    try (Sandbox box = new Sandbox("unpack-redir")) {
      unpack(tar, box.root);
      assertTrue(Files.exists(box.root.resolve("d/f")));
      assertEquals(0700, mode(box.root.resolve("d")));
    }
  }

  @Test
  void laterEntryReplacesSymlinkWithoutFollowingIt() throws Exception {
    byte[] tar = new TarBuilder().symlink("p", "../outside/passwd").file("p", "mine", 0644).bytes();
    try (Sandbox box = new Sandbox("unpack-replace")) {
      unpack(tar, box.root);
      assertEquals("mine", Files.readString(box.root.resolve("p")));
      assertEquals("original", box.outsidePasswd());
    }
  }

  @Test
  void restoresUserXattrsFromPax() throws Exception {
    byte[] tar = new TarBuilder().file("f", "x", 0644, Map.of("SCHILY.xattr.user.wharf", "yes")).bytes();
    try (Sandbox box = new Sandbox("unpack-xattr")) {
      unpack(tar, box.root);
      byte[] value = new Xattrs().get(box.root.resolve("f").toString(), "user.wharf").orElseThrow();
      assertArrayEquals("yes".getBytes(StandardCharsets.UTF_8), value);
    }
  }

  @Test
  void restoresTrustedAndSecurityXattrsAsRoot() throws Exception {
    assumeTrue(TarBuilder.UID == 0, "trusted.* and security.* xattrs need root");
    String capability = "\u0001\u0000\u0000\u0002\u0000\u0004\u0000\u0000\u0000\u0000\u0000\u0000"
        + "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000";
    byte[] tar = new TarBuilder().file("bin", "x", 0755, Map.of("SCHILY.xattr.trusted.wharf", "t",
        "SCHILY.xattr.security.capability", capability)).bytes();
    try (Sandbox box = new Sandbox("unpack-xattr-root")) {
      unpack(tar, box.root);
      Xattrs xattrs = new Xattrs();
      String path = box.root.resolve("bin").toString();
      assertArrayEquals(new byte[] {'t'}, xattrs.get(path, "trusted.wharf").orElseThrow());
      assertArrayEquals(capability.getBytes(StandardCharsets.ISO_8859_1),
          xattrs.get(path, "security.capability").orElseThrow());
    }
  }

  @Test
  void restoresBinaryXattrValuesByteForByte() throws Exception {
    byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, (byte) 0x80, (byte) 0xc3};
    byte[] tar = PaxXattrsTest.handMadePaxTar("f", "SCHILY.xattr.user.bin", binary);
    try (Sandbox box = new Sandbox("unpack-binary-xattr")) {
      unpack(tar, box.root);
      assertArrayEquals(binary, new Xattrs().get(box.root.resolve("f").toString(), "user.bin").orElseThrow());
    }
  }

  @Test
  void convertsWhiteoutsToOverlayForm() throws Exception {
    assumeTrue(TarBuilder.UID == 0, "mknod and trusted.* xattrs need root");
    byte[] tar = new TarBuilder().dir("bin/", 0755).file("bin/.wh.ls", "", 0644)
        .dir("etc/", 0755).file("etc/.wh..wh..opq", "", 0644).file("etc/new.conf", "n", 0644)
        .file(".wh..wh.plnk", "", 0644).bytes();
    try (Sandbox box = new Sandbox("unpack-whiteout")) {
      unpack(tar, box.root);
      Path ls = box.root.resolve("bin/ls");
      assertEquals(0020000, ((Integer) Files.getAttribute(ls, "unix:mode", NOFOLLOW)) & 0170000, "char device");
      assertEquals(0L, ((Number) Files.getAttribute(ls, "unix:rdev", NOFOLLOW)).longValue(), "device 0/0");
      assertFalse(Files.exists(box.root.resolve("bin/.wh.ls"), NOFOLLOW), "no marker left");
      assertFalse(Files.exists(box.root.resolve("etc/.wh..wh..opq"), NOFOLLOW), "no marker left");
      assertFalse(Files.exists(box.root.resolve(".wh..wh.plnk"), NOFOLLOW), "aufs bookkeeping dropped");
      assertArrayEquals(new byte[] {'y'},
          new Xattrs().get(box.root.resolve("etc").toString(), "trusted.overlay.opaque").orElseThrow());
      assertTrue(Files.exists(box.root.resolve("etc/new.conf")));
      assertEquals(FileTime.fromMillis(TarBuilder.MTIME_MILLIS), Files.getLastModifiedTime(box.root.resolve("bin")));
    }
  }

  @Test
  void createsDevicesAndFifosAsRoot() throws Exception {
    assumeTrue(TarBuilder.UID == 0, "mknod of devices needs root");
    byte[] tar = new TarBuilder().device("dev/null", TarConstants.LF_CHR, 1, 3)
        .device("dev/sda", TarConstants.LF_BLK, 8, 0).device("fifo", TarConstants.LF_FIFO, 0, 0).bytes();
    try (Sandbox box = new Sandbox("unpack-dev")) {
      unpack(tar, box.root);
      assertEquals(0020620, Files.getAttribute(box.root.resolve("dev/null"), "unix:mode", NOFOLLOW));
      assertEquals(0x103L, ((Number) Files.getAttribute(box.root.resolve("dev/null"), "unix:rdev", NOFOLLOW)).longValue());
      assertEquals(0060620, Files.getAttribute(box.root.resolve("dev/sda"), "unix:mode", NOFOLLOW));
      assertEquals(0010620, Files.getAttribute(box.root.resolve("fifo"), "unix:mode", NOFOLLOW));
    }
  }

  @Test
  void gzipAndZstdGiveTheDiffIdOfTheUncompressedTar() throws Exception {
    byte[] tar = new TarBuilder().file("a", "hello", 0644).bytes();
    for (byte[] blob : List.of(TarBuilder.gzip(tar), TarBuilder.zstd(tar))) {
      try (Sandbox box = new Sandbox("unpack-compressed")) {
        assertEquals(TarBuilder.diffId(tar), unpack(blob, box.root));
        assertEquals("hello", Files.readString(box.root.resolve("a")));
      }
    }
  }

  @Test
  void toleratesMissingEndOfArchiveBlocks() throws Exception {
    byte[] tar = new TarBuilder().file("a", "hello", 0644).file("b", "world", 0644).withoutEnd();
    try (Sandbox box = new Sandbox("unpack-truncated")) {
      assertEquals(TarBuilder.diffId(tar), unpack(tar, box.root));
      assertEquals("world", Files.readString(box.root.resolve("b")));
    }
  }

  @Test
  void refusesTarCutInsideAFile() throws Exception {
    byte[] full = new TarBuilder().file("a", "x".repeat(5000), 0644).bytes();
    byte[] cut = java.util.Arrays.copyOf(full, 512 + 1000);
    try (Sandbox box = new Sandbox("unpack-cut")) {
      WharfException e = assertThrows(WharfException.class, () -> unpack(cut, box.root));
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category(), e.getMessage());
    }
  }

  @Test
  void refusesNonEmptyTarget() throws Exception {
    try (Sandbox box = new Sandbox("unpack-nonempty")) {
      Files.writeString(box.root.resolve("x"), "x");
      WharfException e = assertThrows(WharfException.class,
          () -> unpack(new TarBuilder().file("a", "a", 0644).bytes(), box.root));
      assertEquals(ErrorCategory.FAILED_PRECONDITION, e.category());
    }
  }

  private String unpack(byte[] blob, Path target) {
    return unpacker.unpack(new ByteArrayInputStream(blob), target);
  }

  private static int mode(Path p) throws Exception {
    return ((Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW)) & 07777;
  }
}
