package io.wharf.node;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.HealthState;
import java.util.List;

/**
 * The node's durable record of one container, stored as {@code containers/<id>/container.json}.
 * Immutable: every change makes a new record through a {@code with...} method and is saved before
 * it is published.
 *
 * @param requested the spec as the user sent it
 * @param effective the spec with the image's defaults merged in (what runs)
 * @param diffIds the image's layers, bottom first
 * @param health the health check's state; null without a health check (kept after exit, as Docker does)
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
    int restartCount,
    HealthState health) {

  /** A record without health state (containers without a health check, or not yet started). */
  public ContainerRecord(String id, String name, String nodeId, ContainerSpec requested, ContainerSpec effective,
      String imageId, List<String> diffIds, long createdNanos, ContainerState state, int exitCode,
      long startedNanos, long finishedNanos, int pid, boolean oomKilled, String error, int restartCount) {
    this(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos, state, exitCode, startedNanos,
        finishedNanos, pid, oomKilled, error, restartCount, null);
  }

  /** This record with a new health state (from the health monitor). */
  public ContainerRecord withHealth(HealthState newHealth) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        state, exitCode, startedNanos, finishedNanos, pid, oomKilled, error, restartCount, newHealth);
  }

  public ContainerRecord withState(ContainerState newState) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        newState, exitCode, startedNanos, finishedNanos, pid, oomKilled, error, restartCount, health);
  }

  public ContainerRecord started(int newPid, long nowNanos) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        ContainerState.RUNNING, 0, nowNanos, finishedNanos, newPid, false, "", restartCount,
        effective.healthcheck() == null || effective.healthcheck().disabled() ? null : HealthState.starting());
  }

  public ContainerRecord exited(int code, boolean oom, long nowNanos, String why) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        ContainerState.EXITED, code, startedNanos, nowNanos, 0, oom, why == null ? "" : why, restartCount, health);
  }

  public ContainerRecord failedToStart(String why) {
    return new ContainerRecord(id, name, nodeId, requested, effective, imageId, diffIds, createdNanos,
        state == ContainerState.CREATED ? ContainerState.CREATED : ContainerState.EXITED,
        state == ContainerState.CREATED ? 0 : 128, startedNanos, finishedNanos, 0, false, why, restartCount, health);
  }

  public ContainerRecord renamed(String newName) {
    return new ContainerRecord(id, newName, nodeId, requested, effective, imageId, diffIds, createdNanos,
        state, exitCode, startedNanos, finishedNanos, pid, oomKilled, error, restartCount, health);
  }

  /** The cluster-wide view of this record. */
  public ContainerSummary summary() {
    return new ContainerSummary(id, name, nodeId, requested.image(), imageId, CommandLine.of(effective),
        createdNanos, state, exitCode, startedNanos, finishedNanos, effective.labels(),
        effective.host().networkMode(), effective.tty(), restartCount, health, effective.host().mounts());
  }
}
