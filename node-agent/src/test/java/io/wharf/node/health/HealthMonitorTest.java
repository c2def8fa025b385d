package io.wharf.node.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.container.HealthConfig;
import io.wharf.api.container.HealthState;
import io.wharf.api.container.HealthState.HealthResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor's timing rules against a fake container: probes every interval, pauses, stops with the run. */
class HealthMonitorTest {
  private static final long INTERVAL = 50_000_000L;
  private Vertx vertx;
  private final AtomicReference<HealthMonitor.Run> run = new AtomicReference<>();
  private final AtomicInteger probes = new AtomicInteger();
  private final List<String> statuses = new CopyOnWriteArrayList<>();
  private HealthMonitor monitor;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    HealthConfig check = new HealthConfig(List.of("CMD", "true"), INTERVAL, 0, 0, 1);
    run.set(new HealthMonitor.Run(7, check, HealthState.starting(), false));
    monitor = new HealthMonitor(vertx, new HealthMonitor.Owner() {
      @Override
      public Optional<HealthMonitor.Run> current(String id) {
        return Optional.ofNullable(run.get());
      }

      @Override
      public Future<HealthResult> probe(String id, List<String> cmd, long timeoutNanos) {
        probes.incrementAndGet();
        return Future.succeededFuture(new HealthResult(1, 2, 0, ""));
      }

      @Override
      public Future<Void> record(String id, long startedNanos, HealthState state, boolean statusChanged) {
        HealthMonitor.Run r = run.get();
        if (r != null) {
          run.set(new HealthMonitor.Run(r.startedNanos(), r.check(), state, r.paused()));
        }
        if (statusChanged) {
          statuses.add(state.status());
        }
        return Future.succeededFuture();
      }
    });
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  @Test
  void probesEveryIntervalAndStopsWithTheRun() throws Exception {
    long begun = System.nanoTime();
    monitor.watch("c");
    monitor.watch("c");
    // Waits for two probes (a loaded CI machine may run timers late) instead of sleeping a fixed time.
    long deadline = begun + 10_000_000_000L;
    while (probes.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    int seen = probes.get();
    long intervals = (System.nanoTime() - begun) / INTERVAL;
    assertTrue(seen >= 2 && seen <= intervals + 1, "one probe per interval, watch is idempotent: " + seen
        + " probes in " + intervals + " intervals");
    assertEquals(List.of("healthy"), statuses, "one event per status change");
    run.set(null);
    Thread.sleep(150);
    int after = probes.get();
    Thread.sleep(200);
    assertEquals(after, probes.get(), "no probes once the container stopped");
  }

  @Test
  void pausedContainersAreNotProbed() throws Exception {
    HealthMonitor.Run r = run.get();
    run.set(new HealthMonitor.Run(r.startedNanos(), r.check(), r.health(), true));
    monitor.watch("c");
    Thread.sleep(200);
    assertEquals(0, probes.get());
    run.set(r);
    Thread.sleep(200);
    assertTrue(probes.get() > 0, "probing resumes after unpause");
  }
}
