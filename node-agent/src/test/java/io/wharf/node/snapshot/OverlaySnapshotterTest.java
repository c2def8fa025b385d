package io.wharf.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.node.NodePaths;
import io.wharf.node.nativeio.Mounts;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan is pure data: no mounting here, so no root needed. */
class OverlaySnapshotterTest {
  private static final String L1 = "sha256:" + "1".repeat(64);
  private static final String L2 = "sha256:" + "2".repeat(64);
  private static final String ID = "c0ffee" + "0".repeat(58);

  @Test
  void planListsLowersTopmostFirstAndCreatesDirs() throws Exception {
    try (Sandbox box = new Sandbox("plan")) {
      NodePaths paths = new NodePaths(box.dir.resolve("data"), box.dir.resolve("run"));
      Files.createDirectories(paths.layer(L1));
      Files.createDirectories(paths.layer(L2));
      MountPlan plan = new OverlaySnapshotter(paths).prepare(ID, List.of(L1, L2));
      Mount m = plan.rootfs();
      assertEquals("overlay", m.type());
      assertEquals(paths.rootfs(ID).toString(), m.target());
      assertEquals(List.of("lowerdir=" + paths.layer(L2) + ":" + paths.layer(L1),
          "upperdir=" + paths.upperDir(ID), "workdir=" + paths.workDir(ID)), m.options());
      assertEquals(List.of(paths.layer(L2).toString(), paths.layer(L1).toString()), m.lowerDirs());
      assertTrue(Files.isDirectory(paths.upperDir(ID)));
      assertTrue(Files.isDirectory(paths.workDir(ID)));
      assertTrue(Files.isDirectory(paths.rootfs(ID)));
    }
  }

  @Test
  void imageWithoutLayersGetsTheEmptyLower() throws Exception {
    try (Sandbox box = new Sandbox("plan-empty")) {
      NodePaths paths = new NodePaths(box.dir.resolve("data"), box.dir.resolve("run"));
      Mount m = new OverlaySnapshotter(paths).prepare(ID, List.of()).rootfs();
      assertEquals(List.of(paths.emptyLayer().toString()), m.lowerDirs());
      assertTrue(Files.isDirectory(paths.emptyLayer()));
    }
  }

  @Test
  void missingLayerIsAPreconditionFailure() throws Exception {
    try (Sandbox box = new Sandbox("plan-missing")) {
      NodePaths paths = new NodePaths(box.dir.resolve("data"), box.dir.resolve("run"));
      WharfException e = assertThrows(WharfException.class, () -> new OverlaySnapshotter(paths).prepare(ID, List.of(L1)));
      assertEquals(ErrorCategory.FAILED_PRECONDITION, e.category());
      assertTrue(e.getMessage().contains(L1), e.getMessage());
    }
  }

  @Test
  void fsParamsPassEachLowerSeparatelyInOrder() {
    Mount m = new Mount("overlay", "overlay", "/t", List.of("lowerdir=/top:/bottom", "upperdir=/u", "workdir=/w"));
    assertEquals(List.of(new Mounts.FsParam("source", "overlay"), new Mounts.FsParam("lowerdir+", "/top"),
        new Mounts.FsParam("lowerdir+", "/bottom"), new Mounts.FsParam("upperdir", "/u"),
        new Mounts.FsParam("workdir", "/w")), OverlaySnapshotter.fsParams(m));
    assertEquals("lowerdir=/top:/bottom,upperdir=/u,workdir=/w", m.optionString());
  }
}
