package io.wharf.node;

import io.wharf.api.container.ContainerState;
import io.wharf.api.container.LogRotation;
import io.wharf.node.runtime.LogRotator;
import io.wharf.node.runtime.RuncConmonExecutor;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code --log-opt max-size/max-file}: once a second, on a worker, every running
 * container with a max-size has its ctr.log rotated when it is due ({@link LogRotator}; conmon is
 * told to reopen through its ctl FIFO). A log may overshoot max-size by what is written within a
 * second. One pass at a time; a failed rotation is logged and retried on the next pass.
 */
final class LogRotationTimer {
  private static final Logger LOG = LoggerFactory.getLogger(LogRotationTimer.class);
  static final long PERIOD_MS = 1000;

  private final ContainerLifecycle lifecycle;
  private final AtomicBoolean busy = new AtomicBoolean();

  private LogRotationTimer(ContainerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** Starts the timer on the caller's context (cancelled with it). */
  static void start(ContainerLifecycle lifecycle) {
    if (!(lifecycle.node.executor() instanceof RuncConmonExecutor)) {
      return;
    }
    LogRotationTimer timer = new LogRotationTimer(lifecycle);
    lifecycle.node.vertx().setPeriodic(PERIOD_MS, id -> timer.pass());
  }

  private void pass() {
    List<ContainerRecord> due = lifecycle.node.store().all().stream()
        .filter(r -> r.state() == ContainerState.RUNNING && r.effective().host().logOptions().containsKey("max-size"))
        .toList();
    if (due.isEmpty() || !busy.compareAndSet(false, true)) {
      return;
    }
    lifecycle.blocking(() -> {
      RuncConmonExecutor executor = (RuncConmonExecutor) lifecycle.node.executor();
      for (ContainerRecord r : due) {
        try {
          LogRotator.rotateIfDue(lifecycle.node.paths().containerLog(r.id()),
              LogRotation.of(r.effective().host().logOptions()), () -> executor.runtime().shim().reopenLog(r.id()));
        } catch (RuntimeException e) {
          LOG.warn("log rotation of {} failed: {}", NodePaths.shortId(r.id()), e.getMessage());
        }
      }
      return null;
    }).onComplete(x -> busy.set(false));
  }
}
