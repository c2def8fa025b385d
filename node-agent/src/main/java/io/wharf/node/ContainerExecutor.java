package io.wharf.node;

import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * What the container lifecycle needs from the OCI runtime layer (conmon + runc). Every method
 * blocks: call from a worker thread. Implemented by {@link io.wharf.node.runtime.RuncConmonExecutor}
 * on real hosts and by in-memory fakes in component tests.
 *
 * <p>Lifecycle of one container in the runtime: {@link #create} (shim + {@code runc create}: the
 * process exists but has not run the user's program yet) then {@link #start}; when the process exits
 * the exit listener fires once with the code; {@link #delete} removes what is left. Between create
 * and start, attach clients can connect to {@link NodePaths#attachSocket} without losing output.
 */
public interface ContainerExecutor {

  /** Writes the OCI bundle for {@code record} over the mounted {@code rootfs} and starts the shim. Returns the pid. */
  int create(ContainerRecord record, Path rootfs);

  /** Lets the created process run the user's program. */
  void start(String id);

  /** Sends a signal number to the container's init process. */
  void kill(String id, int signal);

  /** Removes the runtime's state for a stopped container (force: kill it first). Idempotent. */
  void delete(String id, boolean force);

  /** Resizes the container's pty. */
  void resize(String id, int height, int width);

  /** Whether the shim recorded an OOM kill for this container's last run. */
  boolean oomKilled(String id);

  /** What the runtime knows about a container after a daemon restart. */
  Recovered recover(String id);

  /** Freezes every process of the container (cgroup freezer). */
  void pause(String id);

  /** Thaws a paused container. */
  void resume(String id);

  /**
   * Changes the resource limits of a running container ({@code runc update} flags such as
   * {@code --memory}, {@code --cpu-quota}); see {@link io.wharf.node.update.ResourceUpdate}.
   */
  void update(String id, java.util.List<String> runcUpdateFlags);

  /** Registers the single listener told about every exit (id, exit code), from any thread. */
  void onExit(BiConsumer<String, Integer> listener);

  /** Outcome of {@link #recover}. */
  record Recovered(Kind kind, int pid, int exitCode, boolean oomKilled) {
    public enum Kind { RUNNING, EXITED, SHIM_LOST, NOT_CREATED }
  }
}
