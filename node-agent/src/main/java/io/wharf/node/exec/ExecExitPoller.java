package io.wharf.node.exec;

import io.vertx.core.Vertx;

/**
 * Records the exits of execs nobody is attached to (detached starts, clients that went away):
 * every {@link #PERIOD_MS} it checks the exit files of running execs on the worker pool, and it
 * forgets the execs of containers that died or were removed. Attached execs are finished sooner by
 * {@link ExecService#awaitFinish}.
 */
public final class ExecExitPoller {
  static final long PERIOD_MS = 200;

  private ExecExitPoller() {}

  /** Starts polling; returns the timer id. */
  public static long start(Vertx vertx, ExecService service, io.vertx.core.WorkerExecutor workers) {
    return vertx.setPeriodic(PERIOD_MS, t -> {
      if (!service.table().running().isEmpty()) {
        workers.executeBlocking(() -> {
          service.pollExits();
          return null;
        }, false);
      }
    });
  }
}
