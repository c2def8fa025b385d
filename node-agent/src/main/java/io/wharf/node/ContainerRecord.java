package io.wharf.node;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import java.util.List;

/**
 * The node's durable record of one container, stored as {@code containers/<id>/container.json}.
 * Immutable: every change makes a new record through a {@code with...} method and is saved before
 * it is published.
 *
 * @param requested the spec as the user sent it
 * @param effective the spec with the image's defaults merged in (what runs)
 * @param diffIds the image's layers, bottom first
 */
public record ContainerRecord(
    String id,
    String name,
    String nodeId,
    ContainerSpec requested,
    ContainerSpec effective,
    String imageId,
    List<String> diffIds,
    long createdNanos,
    ContainerState state,
    int exitCode,
    long startedNanos,
    long finishedNanos,
    int pid,
    boolean oomKilled,
    String error,
    int restartCount) {

  public ContainerRecord withState(ContainerState newState) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        newState, exitCode, startedNanos, finishedNanos, pid, oomKilled, error, restartCount);
  }

  public ContainerRecord started(int newPid, long nowNanos) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        ContainerState.RUNNING, 0, nowNanos, finishedNanos, newPid, false, "", restartCount);
  }

  public ContainerRecord exited(int code, boolean oom, long nowNanos, String why) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        ContainerState.EXITED, code, startedNanos, nowNanos, 0, oom, why == null ? "" : why, restartCount);
  }

  public ContainerRecord failedToStart(String why) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        state == ContainerState.CREATED ? ContainerState.CREATED : ContainerState.EXITED,
        state == ContainerState.CREATED ? 0 : 128, startedNanos, finishedNanos, 0, false, why, restartCount);
  }

  public ContainerRecord renamed(String newName) {
    return new ContainerRecord(id, newName, nodeId, requested, effective, imageId, diffIds, createdNanos,
        state, exitCode, startedNanos, finishedNanos, pid, oomKilled, error, restartCount);
  }

  /** The cluster-wide view of this record. */
  public ContainerSummary summary() {
    return new ContainerSummary(id, name, nodeId, requested.image(), imageId, CommandLine.of(effective),
        createdNanos, state, exitCode, startedNanos, finishedNanos, effective.labels(),
        effective.host().networkMode(), effective.tty(), restartCount);
  }
}
