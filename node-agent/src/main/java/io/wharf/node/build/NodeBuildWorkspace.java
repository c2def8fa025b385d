package io.wharf.node.build;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HealthConfig;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.NameResolution;
import io.wharf.api.container.RestartPolicy;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.LayerRef;
import io.wharf.node.ContainerLifecycle;
import io.wharf.node.FileTrees;
import io.wharf.node.NameGenerator;
import io.wharf.node.NodeContext;
import io.wharf.node.files.TreeTar;
import io.wharf.node.files.UpperDirChanges;
import io.wharf.node.nativeio.Xattrs;
import io.wharf.node.runtime.LogQuery;
import io.wharf.node.runtime.LogReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@link BuildWorkspace} on this node: RUN goes through the node's own container lifecycle (create,
 * start, follow the log, wait, remove), so a step's container is an ordinary container while it
 * runs (visible in {@code docker ps -a}, cleaned up like one); file steps use a private overlay
 * snapshot (id = a fresh container-like id, never recorded). The diff of either is the upper dir,
 * tarred as {@code docker commit} does (overlay whiteouts as OCI ones, runtime mountpoints left out).
 * Blocking: call from a worker thread.
 */
public final class NodeBuildWorkspace implements BuildWorkspace {
  private final NodeContext node;
  private final ContainerLifecycle lifecycle;
  private final Path tmp;

  public NodeBuildWorkspace(NodeContext node, ContainerLifecycle lifecycle) {
    this.node = node;
    this.lifecycle = lifecycle;
    this.tmp = node.paths().dataRoot().resolve("build-tmp");
  }

  /**
   * The container is removed after success when {@code r.remove()}, after a failed command only
   * when {@code r.forceRemove()} (dockerd keeps it for inspection), and always when the client went
   * away or the container could not even start running.
   */
  @Override
  public Path run(RunRequest r, BuildMessages messages) throws BuildFailure {
    String id = RegistryBuildImages.await(lifecycle.create(spec(r))).id();
    boolean keep = false;
    try {
      messages.stream(" ---> Running in " + io.wharf.node.NodePaths.shortId(id) + "\n");
      var exit = node.waiters().nextExit(id);
      RegistryBuildImages.await(lifecycle.start(id));
      followLog(id, messages);
      if (messages.cancelled().get()) {
        throw new BuildFailure("the build was cancelled: the client went away");
      }
      int code = RegistryBuildImages.await(exit);
      if (code != 0) {
        keep = !r.forceRemove();
        throw new BuildFailure("The command '" + String.join(" ", r.argv()) + "' returned a non-zero code: " + code,
            code);
      }
      Path layer = tarUpper(id);
      keep = !r.remove();
      if (!keep) {
        messages.stream("Removing intermediate container " + io.wharf.node.NodePaths.shortId(id) + "\n");
      }
      return layer;
    } finally {
      if (!keep) {
        removeQuietly(id);
      }
    }
  }

  @Override
  public Path change(ImageDetails parent, RootfsChange change) throws BuildFailure {
    String snap = NameGenerator.newId();
    try {
      Path rootfs = mount(snap, parent);
      change.apply(rootfs);
      node.rootfs().unmount(snap);
      return tarUpper(snap);
    } catch (IOException e) {
      throw new BuildFailure(e.getMessage());
    } finally {
      dropSnapshot(snap);
    }
  }

  @Override
  public <T> T read(ImageDetails image, RootfsRead<T> read) throws BuildFailure {
    String snap = NameGenerator.newId();
    try {
      return read.apply(mount(snap, image));
    } catch (IOException e) {
      throw new BuildFailure(e.getMessage());
    } finally {
      dropSnapshot(snap);
    }
  }

  private Path mount(String snap, ImageDetails image) {
    List<LayerRef> layers = image == null ? List.of() : image.layers();
    node.rootfs().ensureLayers(layers, RegistryBuildImages.await(node.blobSource()));
    return node.rootfs().mount(snap, layers.stream().map(LayerRef::diffId).toList());
  }

  private void dropSnapshot(String snap) {
    try {
      node.rootfs().remove(snap);
    } finally {
      FileTrees.deleteRecursively(node.paths().containerDir(snap));
    }
  }

  /** The RUN container: the parent's config, the command with no entrypoint, no health check. */
  /**
   * {@code --add-host} lines ("ip\tname") as HostConfig.ExtraHosts entries ("name=ip", safe for IPv6):
   * the node writes them into /etc/hosts at create and again whenever networking rewrites the file.
   */
  static List<String> hostEntries(List<String> lines) {
    return lines.stream().map(l -> {
      int tab = l.indexOf('\t');
      return l.substring(tab + 1).strip() + "=" + l.substring(0, tab).strip();
    }).toList();
  }

  private static ContainerSpec spec(RunRequest r) {
    HostSettings d = HostSettings.defaults();
    HostSettings host = new HostSettings(false, r.memory(), 0, 0, r.cpuShares(), r.cpuQuota(), r.cpuPeriod(), null, false, List.of(), List.of(), false,
        r.networkMode(), RestartPolicy.NO, null, Map.of(), List.of(), List.of(), List.of(), List.of(), r.shmSize(),
        Map.of(), null, d.logOptions()).withNames(new NameResolution(null, null, null, hostEntries(r.extraHosts()), null));
    return new ContainerSpec(null, r.parentId(), r.argv(), List.of(), r.env(), null, null, null, null, null,
        false, false, false, false, true, true, null, null, null, null, host,
        new HealthConfig(List.of("NONE"), 0, 0, 0, 0));
  }

  /** Streams the container's output to the client until it exits and the log is drained. */
  private void followLog(String id, BuildMessages messages) {
    new LogReader(node.paths().containerLog(id)).stream(new LogQuery(-1, 0, 0, true),
        rec -> messages.stream(new String(rec.bytes(), StandardCharsets.UTF_8)),
        () -> !node.store().get(id).map(c -> c.state().isLive()).orElse(false), messages.cancelled());
  }

  private Path tarUpper(String id) throws BuildFailure {
    try {
      Files.createDirectories(tmp);
      Path tar = Files.createTempFile(tmp, "layer-", ".tar");
      try (OutputStream out = Files.newOutputStream(tar)) {
        TreeTar t = new TreeTar(out, true, new Xattrs()).skipping(UpperDirChanges.INIT_PATHS);
        Path upper = node.paths().upperDir(id);
        boolean any = false;
        if (Files.isDirectory(upper)) {
          try (Stream<Path> list = Files.list(upper)) {
            for (Path child : list.sorted().toList()) {
              t.add(child, child.getFileName().toString());
              any = true;
            }
          }
        }
        t.finish();
        if (!any) {
          Files.delete(tar);
          return null;
        }
      }
      return tar;
    } catch (IOException e) {
      throw new BuildFailure("cannot read the changes of the build step: " + e.getMessage());
    }
  }

  private void removeQuietly(String id) {
    try {
      RegistryBuildImages.await(lifecycle.remove(id, true, true));
    } catch (WharfException e) {
      if (e.category() != io.wharf.api.ErrorCategory.NOT_FOUND) {
        throw e;
      }
    }
  }
}
