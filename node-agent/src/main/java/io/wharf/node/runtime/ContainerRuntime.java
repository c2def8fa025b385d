package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.node.NodePaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The executor facade: one container's OCI bundle, its conmon shim and runc. Every method blocks
 * (file I/O, process launches): call from a worker thread. Paths come from {@link NodePaths}.
 */
public final class ContainerRuntime {
  private final NodePaths paths;
  private final RuncCli runc;
  private final ConmonShim shim;
  private final ExecShim exec;

  public ContainerRuntime(NodePaths paths, RuncCli runc, ConmonShim shim, ExecShim exec) {
    this.paths = paths;
    this.runc = runc;
    this.shim = shim;
    this.exec = exec;
  }

  /** With the Debian binaries /usr/sbin/runc and /usr/bin/conmon. */
  public static ContainerRuntime standard(NodePaths paths) {
    return of(paths, Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"));
  }

  /** With the given runc and conmon binaries. */
  public static ContainerRuntime of(NodePaths paths, Path runcBinary, Path conmonBinary) {
    RuncCli runc = new RuncCli(runcBinary, paths.runcRoot());
    return new ContainerRuntime(paths, runc, new ConmonShim(conmonBinary, runc, paths),
        new ExecShim(conmonBinary, runc, paths));
  }

  public RuncCli runc() {
    return runc;
  }

  public ConmonShim shim() {
    return shim;
  }

  /** {@code docker exec} in this runtime's containers. */
  public ExecShim exec() {
    return exec;
  }

  /**
   * Writes config.json into the bundle (temp file, fsync, rename) and creates the container through
   * conmon. The rootfs ({@code input.rootfs()}) must already be in place. The process exists but
   * has not run the user's program until {@link #start}.
   *
   * @throws WharfException INVALID_ARGUMENT for bad settings or a missing/non-executable command
   *     (with runc's message), INTERNAL for host failures
   */
  public CreatedProcess create(OciSpecInput input) {
    String id = input.containerId();
    ObjectNode config = OciSpecBuilder.build(input);
    Path bundle = paths.bundle(id);
    try {
      Files.createDirectories(bundle);
      writeAtomically(bundle.resolve("config.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
    } catch (IOException e) {
      throw WharfException.internal("cannot write the bundle of " + id + ": " + e.getMessage(), e);
    }
    ContainerSpec spec = input.spec();
    return shim.create(id, bundle, spec.tty(), spec.openStdin(), spec.stdinOnce());
  }

  /** Runs the user's program in a created container. */
  public void start(String id) {
    runc.start(id);
  }

  /** Sends a signal number to the container's init process. */
  public void kill(String id, int signal) {
    runc.kill(id, signal);
  }

  /**
   * Forgets the container: {@code runc delete --force} (kills it if still running; removes its
   * cgroups), the exit file, and the bundle's files. The rootfs directory is only removed when
   * empty (the overlay is the snapshotter's to unmount). Idempotent.
   */
  public void delete(String id) {
    runc.delete(id, true);
    Path bundle = paths.bundle(id);
    try {
      Files.deleteIfExists(paths.exitsDir().resolve(id));
      if (Files.isDirectory(bundle)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(bundle)) {
          for (Path p : entries) {
            deleteIfFileOrEmptyDir(p);
          }
        }
        deleteIfFileOrEmptyDir(bundle);
      }
    } catch (IOException e) {
      throw WharfException.internal("cannot remove the bundle of " + id + ": " + e.getMessage(), e);
    }
  }

  public void resize(String id, int rows, int cols) {
    shim.resize(id, rows, cols);
  }

  public Optional<Integer> exitCode(String id) {
    return shim.exitCode(id);
  }

  public boolean oomKilled(String id) {
    return shim.oomKilled(id);
  }

  /** Decides what a container is after an agent restart (runtime notes §6.9); cleans up CreatedNoShim. */
  public Reconciled reconcile(String id) {
    Optional<Integer> code = shim.exitCode(id);
    if (code.isPresent()) {
      return new Reconciled.Exited(code.get(), shim.oomKilled(id));
    }
    boolean shimAlive = shim.isShimAlive(id);
    Optional<RuncState> state = runc.state(id);
    if (shimAlive && state.isPresent()) {
      RuncState s = state.get();
      switch (s.status()) {
        case "created":
          return new Reconciled.Created(s.pid());
        case "running":
        case "paused":
          return new Reconciled.Running(s.pid(), s.status().equals("paused"));
        default:
          // stopped but conmon has not written the exit file yet: it will, and the watcher reports it
          Optional<Integer> late = shim.exitCode(id);
          return late.<Reconciled>map(c -> new Reconciled.Exited(c, shim.oomKilled(id)))
              .orElse(new Reconciled.Running(s.pid(), false));
      }
    }
    if (state.isPresent() && (state.get().isRunning() || state.get().status().equals("paused"))) {
      return new Reconciled.ShimLost(state.get().pid());
    }
    if (state.isPresent()) {
      runc.delete(id, true);
      return state.get().status().equals("created") ? new Reconciled.CreatedNoShim() : new Reconciled.Gone();
    }
    return new Reconciled.Gone();
  }

  /** Temp file, fsync, rename, fsync of the directory. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some file systems refuse fsync on a directory; the rename itself is atomic
    }
  }

  private static void deleteIfFileOrEmptyDir(Path p) throws IOException {
    try {
      Files.deleteIfExists(p);
    } catch (DirectoryNotEmptyException e) {
      // a populated rootfs: not ours to remove
    } catch (FileSystemException e) {
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
      // a mountpoint (EBUSY): the snapshotter unmounts and removes it
    }
  }
}
