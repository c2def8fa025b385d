package io.wharf.node;

import io.vertx.core.Future;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import java.util.Map;

/**
 * {@code docker pause} / {@code unpause}: freezes or thaws every process of a running container
 * through the runtime (cgroup freezer). RUNNING --pause--> PAUSED --unpause--> RUNNING; any other
 * state is a 409 with Docker's wording. Serialized with the container's other operations.
 */
public final class ContainerFreezer {
  private final ContainerLifecycle lifecycle;
  private final NodeContext node;

  public ContainerFreezer(ContainerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.node = lifecycle.node;
  }

  public Future<Void> pause(String id) {
    return lifecycle.serialized(id, () -> {
      ContainerRecord r = node.store().require(id);
      if (r.state() == ContainerState.PAUSED) {
        return Future.failedFuture(WharfException.conflict("Container " + id + " is already paused"));
      }
      if (r.state() == ContainerState.RESTARTING) {
        return Future.failedFuture(WharfException.conflict("Container " + id
            + " is restarting, wait until the container is running"));
      }
      if (r.state() != ContainerState.RUNNING) {
        return Future.failedFuture(WharfException.conflict("Container " + id + " is not running"));
      }
      return change(r, ContainerState.PAUSED, "pause");
    });
  }

  public Future<Void> unpause(String id) {
    return lifecycle.serialized(id, () -> {
      ContainerRecord r = node.store().require(id);
      if (r.state() != ContainerState.PAUSED) {
        return Future.failedFuture(WharfException.conflict("Container " + id + " is not paused"));
      }
      return change(r, ContainerState.RUNNING, "unpause");
    });
  }

  private Future<Void> change(ContainerRecord r, ContainerState to, String action) {
    return lifecycle.blocking(() -> {
      if (to == ContainerState.PAUSED) {
        node.executor().pause(r.id());
      } else {
        node.executor().resume(r.id());
      }
      return null;
    }).compose(v -> lifecycle.save(r.withState(to))).map(v -> {
      lifecycle.event(r.withState(to), action, Map.of());
      return (Void) null;
    });
  }
}
