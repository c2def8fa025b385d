package io.wharf.node.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.container.HealthConfig;
import io.wharf.api.container.HealthState;
import io.wharf.api.container.HealthState.HealthResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each running container's health check every interval (first probe one interval after
 * start, as Docker does) and hands the new state to the owner, which saves and publishes it and
 * announces status changes as {@code health_status: <status>} events. Probing stops by itself when
 * the container no longer runs the same process (stopped, restarted, removed): each tick first
 * asks the owner for the container's current run. Timers run on the event loop; probes on workers.
 */
public final class HealthMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  /** What the monitor needs from the container's owner. */
  public interface Owner {
    /** The container's check and run, if it is running or paused; empty otherwise. */
    Optional<Run> current(String id);

    /** Runs a probe (blocking) off the event loop. */
    Future<HealthResult> probe(String id, List<String> cmd, long timeoutNanos);

    /** Saves and publishes {@code state} if run {@code startedNanos} is still current. */
    Future<Void> record(String id, long startedNanos, HealthState state, boolean statusChanged);
  }

  /** One run of a container: when it started, its check, its health so far, whether it is paused. */
  public record Run(long startedNanos, HealthConfig check, HealthState health, boolean paused) {}

  private final Vertx vertx;
  private final Owner owner;
  private final Map<String, Long> watched = new ConcurrentHashMap<>();

  public HealthMonitor(Vertx vertx, Owner owner) {
    this.vertx = vertx;
    this.owner = owner;
  }

  /** Starts probing {@code id}'s current run, if it has a health check. Idempotent per run. */
  public void watch(String id) {
    owner.current(id).ifPresent(run -> {
      if (HealthTracker.command(run.check()) == null || run.check().disabled()) {
        return;
      }
      Long previous = watched.put(id, run.startedNanos());
      if (previous == null || previous != run.startedNanos()) {
        schedule(id, run.startedNanos(), HealthTracker.interval(run.check()));
      }
    });
  }

  private void schedule(String id, long startedNanos, long delayNanos) {
    vertx.setTimer(Math.max(1, delayNanos / 1_000_000), t -> tick(id, startedNanos));
  }

  private void tick(String id, long startedNanos) {
    Optional<Run> run = owner.current(id).filter(r -> r.startedNanos() == startedNanos);
    if (run.isEmpty() || !Long.valueOf(startedNanos).equals(watched.get(id))) {
      watched.remove(id, startedNanos);
      return;
    }
    HealthConfig check = run.get().check();
    if (run.get().paused()) {
      schedule(id, startedNanos, HealthTracker.interval(check)); // Docker does not probe paused containers
      return;
    }
    owner.probe(id, HealthTracker.command(check), HealthTracker.timeout(check))
        .compose(result -> {
          Optional<Run> now = owner.current(id).filter(r -> r.startedNanos() == startedNanos);
          if (now.isEmpty()) {
            return Future.succeededFuture();
          }
          HealthState before = now.get().health();
          HealthState after = HealthTracker.next(check, before, result, startedNanos);
          boolean changed = before == null || !before.status().equals(after.status());
          return owner.record(id, startedNanos, after, changed);
        })
        .onFailure(e -> LOG.warn("health check of {} failed to record: {}", id, e.getMessage()))
        .onComplete(x -> {
          if (owner.current(id).filter(r -> r.startedNanos() == startedNanos).isPresent()) {
            schedule(id, startedNanos, HealthTracker.interval(check));
          } else {
            watched.remove(id, startedNanos);
          }
        });
  }

}
