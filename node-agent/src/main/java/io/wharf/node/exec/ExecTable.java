package io.wharf.node.exec;

import io.wharf.api.WharfException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The execs of this node's containers, in memory (as dockerd keeps them): they live until their
 * container stops or is removed, or {@link ExecService#KEEP_EXITED_MS} after they exit. Thread-safe.
 */
public final class ExecTable {
  private final Map<String, ExecRecord> execs = new ConcurrentHashMap<>();

  public void put(ExecRecord r) {
    execs.put(r.id(), r);
  }

  public Optional<ExecRecord> get(String id) {
    return Optional.ofNullable(execs.get(id));
  }

  /** @throws WharfException NOT_FOUND with Docker's message */
  public ExecRecord require(String id) {
    return get(id).orElseThrow(() -> WharfException.notFound("No such exec instance: " + id));
  }

  /**
   * Moves a CREATED exec to starting by replacing it with {@code next}; exactly one caller wins.
   *
   * @throws WharfException CONFLICT when the exec was already started
   */
  public void claimStart(ExecRecord created, ExecRecord next) {
    if (created.state() == ExecRecord.State.CREATED && execs.replace(created.id(), created, next)) {
      return;
    }
    ExecRecord now = require(created.id());
    throw WharfException.conflict("Error: Exec command " + created.id()
        + (now.state() == ExecRecord.State.EXITED ? " has already run" : " is already running"));
  }

  /** Atomically replaces the exec's record by {@code change(current)}; null when there is no such exec. */
  public ExecRecord update(String id, java.util.function.UnaryOperator<ExecRecord> change) {
    return execs.computeIfPresent(id, (k, current) -> change.apply(current));
  }

  /** Replaces {@code from} by {@code to} if {@code from} is still current; false when another change won. */
  public boolean replace(ExecRecord from, ExecRecord to) {
    return execs.replace(from.id(), from, to);
  }

  public List<ExecRecord> running() {
    return execs.values().stream().filter(r -> r.state() == ExecRecord.State.RUNNING && r.pid() > 0).toList();
  }

  /** Forgets {@code r} if it is still the current record of its exec. */
  public void removeIf(ExecRecord r) {
    execs.remove(r.id(), r);
  }

  /** Forgets the execs of a container and returns their ids. */
  public List<String> removeOf(String containerId) {
    List<String> ids = execs.values().stream().filter(r -> r.containerId().equals(containerId))
        .map(ExecRecord::id).toList();
    ids.forEach(execs::remove);
    return ids;
  }

  /** The ids of the container's execs that have not exited (created or running). */
  public List<String> liveIdsOf(String containerId) {
    return execs.values().stream().filter(r -> r.containerId().equals(containerId))
        .filter(r -> r.state() != ExecRecord.State.EXITED).map(ExecRecord::id).toList();
  }

  public List<String> idsOf(String containerId) {
    return execs.values().stream().filter(r -> r.containerId().equals(containerId)).map(ExecRecord::id).toList();
  }
}
