package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import io.wharf.node.NodePaths;
import io.wharf.node.nativeio.Errno;
import io.wharf.node.nativeio.Mounts;
import io.wharf.node.nativeio.NativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One overlay rootfs per container over the unpacked layers of its image.
 *
 * <p>Lifecycle: {@link #prepare} (creates upper, work and mountpoint dirs, returns the plan as data)
 * -> {@link #mount} -> the container runs -> {@link #unmount} (may be mounted again later) ->
 * {@link #remove} (deletes the writable layer). Layout: lowers are {@link NodePaths#layer}, topmost
 * first; upper and work dirs are {@link NodePaths#upperDir}/{@link NodePaths#workDir} on the same
 * filesystem; the mountpoint is {@link NodePaths#rootfs}.
 *
 * <p>Every method blocks; callers serialize operations on one container.
 */
public final class OverlaySnapshotter {
  /** mount(2) data is capped at one page; beyond this the new mount API passes each lower separately. */
  static final int LEGACY_OPTIONS_LIMIT = 4000;

  private final NodePaths paths;
  private final Mounts mounts;

  public OverlaySnapshotter(NodePaths paths, Mounts mounts) {
    this.paths = paths;
    this.mounts = mounts;
  }

  public OverlaySnapshotter(NodePaths paths) {
    this(paths, new Mounts());
  }

  /**
   * Creates the container's upper, work and mountpoint dirs and returns its overlay plan. An image
   * without layers gets {@link NodePaths#emptyLayer} as its only lower.
   *
   * @throws WharfException FAILED_PRECONDITION when a layer is not unpacked on this node
   */
  public MountPlan prepare(String containerId, List<String> diffIdsBottomFirst) {
    List<String> lowers = new ArrayList<>();
    for (int i = diffIdsBottomFirst.size() - 1; i >= 0; i--) {
      Path layer = paths.layer(diffIdsBottomFirst.get(i));
      if (!Files.isDirectory(layer)) {
        throw WharfException.precondition("layer " + diffIdsBottomFirst.get(i) + " of container "
            + containerId + " is not unpacked on this node");
      }
      lowers.add(layer.toString());
    }
    if (lowers.isEmpty()) {
      lowers.add(paths.emptyLayer().toString());
    }
    Path upper = paths.upperDir(containerId);
    Path work = paths.workDir(containerId);
    Path rootfs = paths.rootfs(containerId);
    createDirectories(paths.emptyLayer(), upper, work, rootfs);
    List<String> options = List.of("lowerdir=" + String.join(":", lowers), "upperdir=" + upper, "workdir=" + work);
    return new MountPlan(containerId, new Mount("overlay", "overlay", rootfs.toString(), options));
  }

  /** Mounts the plan's overlay; already mounted at the target is success. Throws INTERNAL on failure. */
  public void mount(MountPlan plan) {
    Mount m = plan.rootfs();
    if (MountTable.isMountPoint(Path.of(m.target()))) {
      return;
    }
    try {
      if (m.optionString().getBytes(StandardCharsets.UTF_8).length < LEGACY_OPTIONS_LIMIT) {
        mounts.mount(m.source(), m.target(), m.type(), 0, m.optionString());
      } else {
        mounts.mountWithFsContext(m.type(), fsParams(m), m.target());
      }
    } catch (NativeException e) {
      throw WharfException.internal("cannot mount the rootfs of container " + plan.containerId() + ": "
          + e.getMessage(), e);
    }
  }

  /** Unmounts the container's rootfs (detached); not mounted is success. */
  public void unmount(String containerId) {
    Path rootfs = paths.rootfs(containerId);
    if (!MountTable.isMountPoint(rootfs)) {
      return;
    }
    try {
      mounts.umount2(rootfs.toString(), Mounts.MNT_DETACH);
    } catch (NativeException e) {
      if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) {
        throw WharfException.internal("cannot unmount the rootfs of container " + containerId + ": "
            + e.getMessage(), e);
      }
    }
  }

  /** Unmounts, then deletes the upper and work dirs and the (empty) mountpoint. Idempotent. */
  public void remove(String containerId) {
    unmount(containerId);
    try {
      TreeRemoval.removeIfPresent(paths.upperDir(containerId));
      TreeRemoval.removeIfPresent(paths.workDir(containerId));
      Files.deleteIfExists(paths.rootfs(containerId));
    } catch (DirectoryNotEmptyException e) {
      throw WharfException.internal("rootfs of container " + containerId + " is not empty after unmount", e);
    } catch (IOException e) {
      throw WharfException.internal("cannot delete the writable layer of container " + containerId + ": "
          + e.getMessage(), e);
    }
  }

  /** Whether the container's rootfs is a mount point now. */
  public boolean isMounted(String containerId) {
    return MountTable.isMountPoint(paths.rootfs(containerId));
  }

  /** Bytes of regular files in the container's writable layer, hard links counted once; 0 when absent. */
  public long upperSize(String containerId) {
    return DiskUsage.regularFileBytes(paths.upperDir(containerId));
  }

  /** The same mount for fsconfig: {@code lowerdir+} once per layer, topmost first, then upper and work. */
  static List<Mounts.FsParam> fsParams(Mount m) {
    List<Mounts.FsParam> params = new ArrayList<>();
    params.add(new Mounts.FsParam("source", m.source()));
    for (String lower : m.lowerDirs()) {
      params.add(new Mounts.FsParam("lowerdir+", lower));
    }
    params.add(new Mounts.FsParam("upperdir", m.option("upperdir")));
    params.add(new Mounts.FsParam("workdir", m.option("workdir")));
    return params;
  }

  private static void createDirectories(Path... dirs) {
    for (Path dir : dirs) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw WharfException.internal("cannot create " + dir + ": " + e.getMessage(), e);
      }
    }
  }
}
