package io.wharf.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker cp over a plain directory standing in for a mounted rootfs; "outside" must never change. */
class RootfsArchiveTest {
  @TempDir Path dir;
  Path root;
  Path outside;
  RootfsArchive archive;

  @BeforeEach
  void tree() throws Exception {
    root = Files.createDirectories(dir.resolve("rootfs"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "host");
    Files.createDirectories(root.resolve("etc/sub"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n");
    Files.writeString(root.resolve("etc/sub/a"), "a");
    Files.createDirectories(root.resolve("tmp"));
    Files.createSymbolicLink(root.resolve("tmp/escape"), Path.of("../../outside"));
    Files.createSymbolicLink(root.resolve("tmp/etc"), Path.of("/etc"));
    archive = new RootfsArchive(root, "c1");
  }

  @Test
  void statOfAFileAndOfASymlink() {
    PathStat f = archive.stat("/etc/hosts");
    assertEquals("hosts", f.name());
    assertEquals(20, f.size());
    PathStat link = archive.stat("/tmp/etc");
    assertEquals("/etc", link.linkTarget());
    assertTrue((link.mode() & PathStat.GO_SYMLINK) != 0);
    assertTrue(archive.stat("/tmp/etc/").isDirectory());
  }

  @Test
  void missingPathsGetDockersMessage() {
    WharfException e = assertThrows(WharfException.class, () -> archive.stat("/nope/x"));
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
    assertEquals("Could not find the file /nope/x in container c1", e.getMessage());
    assertEquals(ErrorCategory.NOT_FOUND,
        assertThrows(WharfException.class, () -> archive.stat("/etc/hosts/x")).category());
    assertEquals(ErrorCategory.INVALID_ARGUMENT,
        assertThrows(WharfException.class, () -> archive.stat("/etc/hosts/")).category());
  }

  @Test
  void aSymlinkPointingOutResolvesInsideTheRoot() {
    // tmp/escape -> ../../outside resolves to <root>/outside, which does not exist
    assertEquals(ErrorCategory.NOT_FOUND,
        assertThrows(WharfException.class, () -> archive.stat("/tmp/escape/secret")).category());
  }

  @Test
  void tarOfADirectoryStartsWithItsBaseName() throws Exception {
    assertEquals(List.of("etc/", "etc/hosts", "etc/sub/", "etc/sub/a"), names(tar("/etc")));
    assertEquals(List.of("./", "./hosts", "./sub/", "./sub/a"), names(tar("/etc/.")));
    assertEquals(List.of("etc"), names(tar("/tmp/etc")));
    assertEquals(List.of("etc/", "etc/hosts", "etc/sub/", "etc/sub/a"), names(tar("/tmp/etc/")));
  }

  @Test
  void extractWritesIntoTheDirectoryAndOwnersBecomeRoot() throws Exception {
    archive.extract("/tmp/", new ByteArrayInputStream(tarOf("new/", "new/f.txt")), true, false);
    assertEquals("content", Files.readString(root.resolve("tmp/new/f.txt")));
    assertEquals(0, Files.getAttribute(root.resolve("tmp/new/f.txt"), "unix:uid"));
  }

  @Test
  void extractFollowsAFinalSymlinkInScope() throws Exception {
    archive.extract("/tmp/etc", new ByteArrayInputStream(tarOf("x.txt")), true, false);
    assertTrue(Files.exists(root.resolve("etc/x.txt")));
  }

  @Test
  void extractNeverLeavesTheRoot() throws Exception {
    assertThrows(WharfException.class,
        () -> archive.extract("/tmp", new ByteArrayInputStream(tarOf("../../outside/evil")), true, false));
    assertThrows(WharfException.class,
        () -> archive.extract("/tmp", new ByteArrayInputStream(tarOf("escape/evil")), true, false));
    assertEquals(ErrorCategory.NOT_FOUND, assertThrows(WharfException.class,
        () -> archive.extract("/tmp/escape", new ByteArrayInputStream(tarOf("evil")), true, false)).category());
    try (var s = Files.list(outside)) {
      assertEquals(List.of(outside.resolve("secret")), s.toList());
    }
    assertEquals("host", Files.readString(outside.resolve("secret")));
  }

  @Test
  void noOverwriteDirNonDirRefusesTypeChanges() throws Exception {
    WharfException e = assertThrows(WharfException.class,
        () -> archive.extract("/", new ByteArrayInputStream(tarOf("etc")), true, false));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(Files.isDirectory(root.resolve("etc")));
    assertThrows(WharfException.class,
        () -> archive.extract("/etc", new ByteArrayInputStream(tarOf("hosts/")), true, false));
    assertFalse(Files.isDirectory(root.resolve("etc/hosts")));
  }

  @Test
  void extractIntoAFileIsRefused() {
    WharfException e = assertThrows(WharfException.class,
        () -> archive.extract("/etc/hosts", new ByteArrayInputStream(new byte[1024]), true, false));
    assertEquals("extraction point is not a directory", e.getMessage());
  }

  @Test
  void bindMountedFilesAreReadFromTheContainersCopy() throws Exception {
    Path real = Files.writeString(dir.resolve("hosts"), "10.0.0.2 c1\n");
    Path resolv = Files.writeString(dir.resolve("resolv.conf"), "nameserver 1.1.1.1\n");
    RootfsArchive withFiles = new RootfsArchive(root, "c1", java.util.Map.of("/etc/hosts", real,
        "/etc/resolv.conf", resolv));
    assertEquals(12, withFiles.stat("/etc/hosts").size());
    assertEquals(19, withFiles.stat("/etc/resolv.conf").size()); // not in the rootfs (never started)
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    withFiles.writeTar("/etc/hosts", out);
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      assertEquals("hosts", in.getNextEntry().getName());
      assertEquals("10.0.0.2 c1\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private byte[] tar(String path) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    archive.writeTar(path, out);
    return out.toByteArray();
  }

  private static List<String> names(byte[] tar) throws Exception {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** A tar of the given names: "x/" is a directory, anything else a file holding "content". */
  static byte[] tarOf(String... names) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (String name : names) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setUserId(1234);
        e.setGroupId(1234);
        byte[] body = "content".getBytes(StandardCharsets.UTF_8);
        if (!name.endsWith("/")) {
          e.setSize(body.length);
        }
        tar.putArchiveEntry(e);
        if (!name.endsWith("/")) {
          tar.write(body);
        }
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
