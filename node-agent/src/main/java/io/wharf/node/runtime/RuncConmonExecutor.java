package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.node.ContainerExecutor;
import io.wharf.node.ContainerRecord;
import io.wharf.node.NodePaths;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@link ContainerExecutor} on conmon + runc: adapts the lifecycle's records to
 * {@link ContainerRuntime} and reports exits from one {@link ExitWatcher}. Every method blocks.
 */
public final class RuncConmonExecutor implements ContainerExecutor, AutoCloseable {
  private final NodePaths paths;
  private final ContainerRuntime runtime;
  private final HostLimits limits;
  private final ExitWatcher watcher;
  private volatile BiConsumer<String, Integer> listener = (id, code) -> { };

  /**
   * @param runtimeBinary runc: an absolute path or a name looked up on PATH
   * @param conmonBinary conmon: an absolute path or a name looked up on PATH
   */
  public RuncConmonExecutor(NodePaths paths, String runtimeBinary, String conmonBinary) {
    this.paths = paths;
    this.runtime = ContainerRuntime.of(paths, onPath(runtimeBinary), onPath(conmonBinary));
    this.limits = HostLimits.ofThisProcess();
    this.watcher = new ExitWatcher(paths.exitsDir(), (id, code) -> listener.accept(id, code));
  }

  public ContainerRuntime runtime() {
    return runtime;
  }

  @Override
  public int create(ContainerRecord record, Path rootfs) {
    return runtime.create(input(record, rootfs)).pid();
  }

  /** The spec input for a record: /etc files from the container dir, user from the rootfs. */
  OciSpecInput input(ContainerRecord record, Path rootfs) {
    ContainerSpec spec = record.effective();
    HostSettings host = spec.host() != null ? spec.host() : HostSettings.defaults();
    String id = record.id();
    Path dir = paths.containerDir(id);
    return new OciSpecInput(id, spec, rootfs.toString(), network(id, host.networkMode()),
        existing(dir.resolve("hostname")), existing(dir.resolve("hosts")), existing(dir.resolve("resolv.conf")),
        RunOptionsInput.user(rootfs, spec.user(), host.groupAdd()), VolumeMounts.of(host),
        host.privileged() ? HostDevice.scan(Path.of("/dev")) : List.of(), limits,
        RunOptionsInput.devices(host.devices()), RunOptionsInput.initBinary(), joinedPids(host));
  }

  /** For --pid/--ipc container:&lt;id&gt;: the target's init pid per namespace type, when it runs. */
  private java.util.Map<String, Integer> joinedPids(HostSettings host) {
    java.util.Map<String, Integer> out = new java.util.HashMap<>();
    joinTarget(out, "pid", host.isolation().pidMode());
    joinTarget(out, "ipc", host.isolation().ipcMode());
    return out;
  }

  private void joinTarget(java.util.Map<String, Integer> out, String type, String mode) {
    String target = io.wharf.api.container.Isolation.targetOf(mode);
    if (target == null) {
      return;
    }
    runtime.runc().state(target).filter(s -> "running".equals(s.status()) && s.pid() > 0)
        .ifPresent(s -> out.put(type, s.pid()));
  }

  /**
   * "host" shares the host's; "none" gets loopback only; any other mode joins the namespace the
   * network service made at /var/run/netns/&lt;id or short id&gt;, or gets loopback only if none exists.
   */
  static String network(String id, String mode) {
    if (OciSpecInput.NETWORK_HOST.equals(mode)) {
      return OciSpecInput.NETWORK_HOST;
    }
    if (!OciSpecInput.NETWORK_NONE.equals(mode)) {
      for (String name : List.of(id, NodePaths.shortId(id))) {
        Path ns = Path.of("/var/run/netns", name);
        if (Files.exists(ns)) {
          return ns.toString();
        }
      }
    }
    return OciSpecInput.NETWORK_NONE;
  }

  @Override
  public void start(String id) {
    runtime.start(id);
  }

  @Override
  public void kill(String id, int signal) {
    runtime.kill(id, signal);
  }

  @Override
  public void delete(String id, boolean force) {
    if (!force) {
      runtime.runc().delete(id, false);
    }
    runtime.delete(id);
  }

  @Override
  public void resize(String id, int height, int width) {
    runtime.resize(id, height, width);
  }

  @Override
  public void pause(String id) {
    runtime.runc().pause(id);
  }

  @Override
  public void resume(String id) {
    runtime.runc().resume(id);
  }

  @Override
  public void update(String id, List<String> runcUpdateFlags) {
    runtime.runc().update(id, runcUpdateFlags);
  }

  @Override
  public boolean oomKilled(String id) {
    return runtime.oomKilled(id);
  }

  @Override
  public Recovered recover(String id) {
    Reconciled r = runtime.reconcile(id);
    if (r instanceof Reconciled.Running running) {
      return new Recovered(Recovered.Kind.RUNNING, running.pid(), 0, false);
    }
    if (r instanceof Reconciled.Exited exited) {
      return new Recovered(Recovered.Kind.EXITED, 0, exited.code(), exited.oomKilled());
    }
    if (r instanceof Reconciled.ShimLost lost) {
      return new Recovered(Recovered.Kind.SHIM_LOST, lost.pid(), -1, false);
    }
    if (r instanceof Reconciled.Created) {
      // created but never started (agent died between create and start): discard it
      runtime.delete(id);
    }
    return new Recovered(Recovered.Kind.NOT_CREATED, 0, -1, false);
  }

  @Override
  public void onExit(BiConsumer<String, Integer> exitListener) {
    this.listener = exitListener;
  }

  @Override
  public void close() {
    watcher.close();
  }

  private static String existing(Path file) {
    return Files.exists(file) ? file.toString() : null;
  }

  /** An absolute path as it is; a bare name resolved on PATH (conmon needs runc's full path). */
  static Path onPath(String binary) {
    if (binary.contains("/")) {
      return Path.of(binary);
    }
    String path = System.getenv().getOrDefault("PATH", ConmonShim.PATH_ENV);
    for (String dir : (path + File.pathSeparator + ConmonShim.PATH_ENV).split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw WharfException.internal(binary + " not found on PATH", null);
  }
}
