package io.wharf.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.node.NodePaths;
import io.wharf.node.nativeio.Privileged;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real overlayfs as root: the busybox image made by scripts/busybox-image.sh plus hand-made layers. */
class OverlaySnapshotterIT {
  private static final String ID = "0badcafe" + "1".repeat(56);
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private Sandbox box;
  private NodePaths paths;
  private LayerStore store;
  private OverlaySnapshotter snapshotter;

  @BeforeEach
  void setUp() throws IOException {
    Privileged.requireOverlay();
    box = new Sandbox("overlay-it");
    useDataRoot(box.dir.resolve("data"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (box != null) {
      snapshotter.remove(ID);
      assertNoMountUnder(box.dir);
      box.close();
    }
  }

  @Test
  void busyboxWithWhiteoutAndOpaqueDir() throws Exception {
    String base = ensureBusyboxLayer();
    byte[] top = new TarBuilder().dir("bin/", 0755).file("bin/.wh.ls", "", 0644)
        .dir("etc/", 0755).file("etc/.wh..wh..opq", "", 0644).file("etc/new.conf", "new", 0644).bytes();
    String topId = ensure(top);

    MountPlan plan = snapshotter.prepare(ID, List.of(base, topId));
    snapshotter.mount(plan);
    snapshotter.mount(plan);
    assertTrue(snapshotter.isMounted(ID));
    Path rootfs = paths.rootfs(ID);
    assertTrue(Files.isSymbolicLink(rootfs.resolve("bin/sh")));
    assertFalse(Files.exists(rootfs.resolve("bin/ls"), NOFOLLOW), "whiteout hides bin/ls");
    assertFalse(Files.exists(rootfs.resolve("etc/passwd"), NOFOLLOW), "opaque etc hides the lower etc/passwd");
    assertEquals("new", Files.readString(rootfs.resolve("etc/new.conf")));
    assertEquals("ok\n", run("chroot", rootfs.toString(), "/bin/busybox", "echo", "ok"));

    Files.writeString(rootfs.resolve("tmp/hello"), "hello");
    assertEquals("hello", Files.readString(paths.upperDir(ID).resolve("tmp/hello")), "writes land in upper");
    assertTrue(snapshotter.upperSize(ID) >= 5);

    snapshotter.unmount(ID);
    snapshotter.unmount(ID);
    assertFalse(snapshotter.isMounted(ID));
    snapshotter.remove(ID);
    assertFalse(Files.exists(paths.upperDir(ID)));
    assertFalse(Files.exists(paths.workDir(ID)));
    assertEquals(0, snapshotter.upperSize(ID));
  }

  @Test
  void seventyLayersWithLongPathsUseTheNewMountApi() throws Exception {
    useDataRoot(box.dir.resolve("a-data-root-with-a-deliberately-long-name-".repeat(2) + "end"));
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      diffIds.add(ensure(new TarBuilder().file("f" + i, "layer " + i, 0644).file("same", "layer " + i, 0644).bytes()));
    }
    MountPlan plan = snapshotter.prepare(ID, diffIds);
    assertTrue(plan.rootfs().optionString().length() > 2 * OverlaySnapshotter.LEGACY_OPTIONS_LIMIT,
        "the options must not fit in one page: " + plan.rootfs().optionString().length());
    snapshotter.mount(plan);
    assertTrue(snapshotter.isMounted(ID));
    for (int i = 0; i < 70; i++) {
      assertEquals("layer " + i, Files.readString(paths.rootfs(ID).resolve("f" + i)));
    }
    assertEquals("layer 69", Files.readString(paths.rootfs(ID).resolve("same")), "the topmost layer wins");
    snapshotter.unmount(ID);
    assertFalse(snapshotter.isMounted(ID));
  }

  @Test
  void imageWithoutLayersMountsAnEmptyRoot() throws Exception {
    snapshotter.mount(snapshotter.prepare(ID, List.of()));
    Files.writeString(paths.rootfs(ID).resolve("f"), "f");
    assertTrue(Files.exists(paths.upperDir(ID).resolve("f")));
    assertFalse(Files.exists(paths.emptyLayer().resolve("f")));
  }

  private void useDataRoot(Path dataRoot) {
    paths = new NodePaths(dataRoot, box.dir.resolve("run"));
    store = new LayerStore(paths, new LayerUnpacker());
    snapshotter = new OverlaySnapshotter(paths);
  }

  private String ensure(byte[] tar) throws Exception {
    String diffId = TarBuilder.diffId(tar);
    store.ensure(diffId, () -> new ByteArrayInputStream(tar));
    return diffId;
  }

  /** Makes the busybox image with the repo script and unpacks its one layer; returns the diffID. */
  private String ensureBusyboxLayer() throws Exception {
    Path image = box.dir.resolve("busybox.tar");
    run("bash", findScript().toString(), image.toString(), "wharf-it/busybox:" + box.dir.getFileName());
    try (InputStream in = Files.newInputStream(image); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().endsWith("/layer.tar")) {
          String diffId = "sha256:" + e.getName().substring(0, e.getName().indexOf('/'));
          byte[] layer = tar.readAllBytes();
          store.ensure(diffId, () -> new ByteArrayInputStream(layer));
          return diffId;
        }
      }
    }
    throw new AssertionError("no layer in " + image);
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts/busybox-image.sh");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new AssertionError("scripts/busybox-image.sh not found above " + Path.of("").toAbsolutePath());
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    return out;
  }

  private static void assertNoMountUnder(Path dir) {
    String prefix = dir.toAbsolutePath().toString();
    for (String point : MountTable.mountPoints()) {
      assertFalse(point.startsWith(prefix), "left mounted: " + point);
    }
  }
}
