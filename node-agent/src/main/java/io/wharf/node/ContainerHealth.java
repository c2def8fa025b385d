package io.wharf.node;

import io.vertx.core.Future;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.HealthState;
import io.wharf.api.container.HealthState.HealthResult;
import io.wharf.node.health.HealthMonitor;
import io.wharf.node.health.HealthProbe;
import io.wharf.node.runtime.RuncConmonExecutor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link HealthMonitor}'s view of this node's containers: runs probes through the runtime's
 * exec shim, and saves each new health state through the lifecycle's per-container queue (so it
 * never races a stop or a restart), announcing status changes as Docker's
 * {@code health_status: healthy} events.
 */
final class ContainerHealth implements HealthMonitor.Owner {
  private final ContainerLifecycle lifecycle;
  private final HealthProbe probe;

  ContainerHealth(ContainerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.probe = lifecycle.node.executor() instanceof RuncConmonExecutor r ? new HealthProbe(r.runtime().exec()) : null;
  }

  @Override
  public Optional<HealthMonitor.Run> current(String id) {
    return lifecycle.node.store().get(id)
        .filter(r -> (r.state() == ContainerState.RUNNING || r.state() == ContainerState.PAUSED)
            && r.effective().healthcheck() != null)
        .map(r -> new HealthMonitor.Run(r.startedNanos(), r.effective().healthcheck(), r.health(),
            r.state() == ContainerState.PAUSED));
  }

  @Override
  public Future<HealthResult> probe(String id, List<String> cmd, long timeoutNanos) {
    if (probe == null) {
      return Future.failedFuture("this node's runtime cannot exec health checks");
    }
    return lifecycle.blocking(() -> probe.run(id, cmd, timeoutNanos));
  }

  @Override
  public Future<Void> record(String id, long startedNanos, HealthState state, boolean statusChanged) {
    return lifecycle.serialized(id, () -> {
      ContainerRecord r = lifecycle.node.store().get(id).orElse(null);
      if (r == null || r.state() != ContainerState.RUNNING || r.startedNanos() != startedNanos) {
        return Future.succeededFuture();
      }
      ContainerRecord next = r.withHealth(state);
      return lifecycle.save(next).map(v -> {
        if (statusChanged) {
          lifecycle.event(next, "health_status: " + state.status(), Map.of());
        }
        return (Void) null;
      });
    });
  }
}
