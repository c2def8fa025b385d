package io.wharf.node.runtime;

/** What {@link ContainerRuntime#reconcile} found for one container after an agent (re)start. */
public sealed interface Reconciled {

  /** conmon alive and runc says running or paused: re-arm the exit watch; attach works. */
  record Running(int pid, boolean paused) implements Reconciled {}

  /** conmon alive, runc says created: the process waits for {@code start}. */
  record Created(int pid) implements Reconciled {}

  /** The exit file holds the code: the container stopped (possibly while the agent was down). */
  record Exited(int code, boolean oomKilled) implements Reconciled {}

  /**
   * No exit file and no conmon, but runc says the container still runs (e.g. conmon was
   * OOM-killed): the exit code is unknowable (report -1 as podman does); kill and delete it.
   */
  record ShimLost(int pid) implements Reconciled {}

  /** runc had created the container but its conmon is gone (agent crash mid-create): it was deleted. */
  record CreatedNoShim() implements Reconciled {}

  /** Nothing is left (no exit file, no shim, unknown to runc; e.g. after a reboot): not running, code unknown. */
  record Gone() implements Reconciled {}
}
