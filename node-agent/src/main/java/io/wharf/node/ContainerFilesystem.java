package io.wharf.node;

import io.vertx.core.Future;
import io.wharf.api.container.ContainerState;
import io.wharf.node.files.UpperDirChanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Access to a container's files for docker cp, export and diff, on running and stopped containers
 * alike. Each access is serialized with the container's lifecycle operations (so a start, stop or
 * exit cannot unmount the rootfs under a copy) and runs on the worker pool. A stopped container's
 * rootfs is mounted for the access and unmounted after it; a crash in between leaves a mount that
 * the next start reuses and remove/recovery unmount.
 */
public final class ContainerFilesystem {
  /** Work on a mounted rootfs; may block, may throw. */
  public interface RootfsWork<T> {
    T run(ContainerRecord record, Path rootfs) throws Exception;
  }

  private final ContainerLifecycle lifecycle;

  public ContainerFilesystem(ContainerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** Runs {@code work} with the rootfs mounted; NOT_FOUND for an unknown container. */
  public <T> Future<T> withRootfs(String id, RootfsWork<T> work) {
    lifecycle.node.store().require(id);
    return lifecycle.serialized(id, () -> lifecycle.blocking(() -> {
      ContainerRecord r = lifecycle.node.store().require(id);
      Path rootfs = lifecycle.node.rootfs().mount(id, r.diffIds());
      try {
        return work.run(r, rootfs);
      } finally {
        if (!isLive(id)) {
          lifecycle.node.rootfs().unmount(id);
        }
      }
    }));
  }

  /** docker commit through the registry at the cluster's registry URL, presenting {@code token}. */
  public ContainerCommit committer(String token) {
    return new ContainerCommit(lifecycle, token);
  }

  /** docker diff: the writable layer compared with the image's layers. */
  public Future<List<UpperDirChanges.Change>> changes(String id) {
    ContainerRecord r = lifecycle.node.store().require(id);
    NodePaths paths = lifecycle.node.paths();
    List<Path> lowers = new ArrayList<>();
    for (int i = r.diffIds().size() - 1; i >= 0; i--) {
      lowers.add(paths.layer(r.diffIds().get(i)));
    }
    return lifecycle.blocking(() -> new UpperDirChanges(paths.upperDir(id), lowers).scan());
  }

  /** Publishes a container event (archive-path, extract-to-dir, export). */
  public void event(String id, String action, Map<String, String> extra) {
    lifecycle.node.store().get(id).ifPresent(r -> lifecycle.event(r, action, extra));
  }

  private boolean isLive(String id) {
    // a RESTARTING container has no process and its rootfs is unmounted, like a stopped one
    return lifecycle.node.store().get(id)
        .map(r -> r.state() == ContainerState.RUNNING || r.state() == ContainerState.PAUSED).orElse(false);
  }
}
