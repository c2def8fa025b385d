package io.wharf.node.nativeio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real syscalls as root: mounts of tmpfs (legacy and new API), typed errors, xattrs, mknod. */
class MountsIT {
  private final Mounts mounts = new Mounts();
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    Privileged.requireRoot();
    Path base = Path.of(System.getenv().getOrDefault("WHARF_TEST_ROOT", "target")).toAbsolutePath();
    dir = Files.createDirectories(base.resolve("mounts-it-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (dir == null) {
      return;
    }
    try {
      mounts.umount2(dir.resolve("mnt").toString(), Mounts.MNT_DETACH);
    } catch (NativeException notMounted) {
      // the test unmounted it already
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void legacyMountAndUnmountOfTmpfs() throws IOException {
    Path mnt = Files.createDirectory(dir.resolve("mnt"));
    mounts.mount("tmpfs", mnt.toString(), "tmpfs", Mounts.MS_NOSUID, "size=1m,mode=0700");
    Files.writeString(mnt.resolve("f"), "in tmpfs");
    mounts.umount2(mnt.toString(), 0);
    assertFalse(Files.exists(mnt.resolve("f")));
  }

  @Test
  void newMountApiMountsTmpfs() throws IOException {
    Path mnt = Files.createDirectory(dir.resolve("mnt"));
    mounts.mountWithFsContext("tmpfs", List.of(new Mounts.FsParam("size", "1m")), mnt.toString());
    Files.writeString(mnt.resolve("f"), "in tmpfs");
    mounts.umount2(mnt.toString(), Mounts.MNT_DETACH);
    assertFalse(Files.exists(mnt.resolve("f")));
  }

  @Test
  void errnoBecomesTypedException() throws IOException {
    Path plain = Files.createDirectory(dir.resolve("plain"));
    NativeException e = assertThrows(NativeException.class, () -> mounts.umount2(plain.toString(), 0));
    assertEquals(Errno.EINVAL, e.errno());
    assertEquals("umount2", e.call());
    assertEquals(plain.toString(), e.path());
  }

  @Test
  void fsconfigFailureNamesTheParameter() throws IOException {
    Path mnt = Files.createDirectory(dir.resolve("mnt"));
    NativeException e = assertThrows(NativeException.class, () -> mounts.mountWithFsContext("overlay",
        List.of(new Mounts.FsParam("lowerdir+", dir.resolve("missing").toString())), mnt.toString()));
    assertEquals("fsconfig(lowerdir+)", e.call());
    assertEquals(Errno.ENOENT, e.errno());
  }

  @Test
  void createFailureIsReportedAsCmdCreate() throws IOException {
    Path mnt = Files.createDirectory(dir.resolve("mnt"));
    NativeException e = assertThrows(NativeException.class,
        () -> mounts.mountWithFsContext("overlay", List.of(), mnt.toString()));
    assertEquals("fsconfig(CMD_CREATE)", e.call());
    assertEquals(Errno.EINVAL, e.errno());
  }

  @Test
  void xattrsRoundTripInTrustedNamespace() throws IOException {
    Path f = Files.writeString(dir.resolve("f"), "x");
    Xattrs xattrs = new Xattrs();
    byte[] value = {0, 1, (byte) 0xff, 'y'};
    xattrs.set(f.toString(), "trusted.wharf.test", value);
    assertArrayEquals(value, xattrs.get(f.toString(), "trusted.wharf.test").orElseThrow());
    assertTrue(xattrs.list(f.toString()).contains("trusted.wharf.test"));
    assertTrue(xattrs.get(f.toString(), "trusted.absent").isEmpty());
  }

  @Test
  void mknodMakesWhiteoutsAndRefusesExistingNames() throws IOException {
    DeviceNodes nodes = new DeviceNodes();
    Path w = dir.resolve("w");
    nodes.whiteout(w.toString());
    assertEquals(0020000, ((Integer) Files.getAttribute(w, "unix:mode")) & 0170000);
    NativeException e = assertThrows(NativeException.class, () -> nodes.whiteout(w.toString()));
    assertEquals(Errno.EEXIST, e.errno());
  }
}
