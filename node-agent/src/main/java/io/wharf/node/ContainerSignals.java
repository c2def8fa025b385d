package io.wharf.node;

import io.vertx.core.Future;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerRequests;
import io.wharf.api.container.ContainerState;
import io.wharf.node.runtime.Signals;
import java.util.Map;

/**
 * Signals to running containers: kill, stop (signal, grace period, then SIGKILL), restart, resize.
 * Waiting for an exit happens outside the container's serial queue, because the exit itself is
 * handled in that queue.
 */
public final class ContainerSignals {
  private static final int DEFAULT_STOP_SECONDS = 10;
  private static final int SIGKILL = 9;
  /** What {@link #send} returns when there was no process to signal (a RESTARTING container). */
  private static final int NO_PROCESS = -1;

  private final ContainerLifecycle lifecycle;
  private final NodeContext node;

  public ContainerSignals(ContainerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.node = lifecycle.node;
  }

  /** Docker's kill: the container must be running; signal as typed by the user (null = KILL). */
  public Future<Void> kill(String id, String signal) {
    return send(id, signal).compose(number -> {
      if (number != SIGKILL) {
        return Future.succeededFuture();
      }
      // Like Docker, a SIGKILL answers only once the container is gone, so that what the
      // client does next (ps, rm, start) sees it stopped.
      return withTimeout(exitOrNow(id), DEFAULT_STOP_SECONDS).otherwiseEmpty().mapEmpty();
    });
  }

  private Future<Integer> exitOrNow(String id) {
    Future<Integer> exit = node.waiters().nextExit(id);
    return isNotRunning(id) ? Future.succeededFuture(0) : exit;
  }

  /**
   * Sends the signal if the container runs; returns the signal number, or {@link #NO_PROCESS} when
   * the container was RESTARTING: then, as in Docker, the signal only cancels the pending restart.
   */
  private Future<Integer> send(String id, String signal) {
    int number;
    try {
      number = signal == null || signal.isEmpty() ? SIGKILL : Signals.parse(signal);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return lifecycle.serialized(id, () -> {
      ContainerRecord r = node.store().require(id);
      if (r.state() == ContainerState.RESTARTING) {
        return lifecycle.endBackOff(id, true).map(NO_PROCESS);
      }
      if (r.state() != ContainerState.RUNNING && r.state() != ContainerState.PAUSED) {
        return Future.failedFuture(WharfException.conflict("Cannot kill container: " + id
            + ": Container " + id + " is not running"));
      }
      return lifecycle.blocking(() -> {
        ContainerRestarter.manuallyStopped(node.paths(), id);
        try {
          node.executor().kill(id, number);
        } catch (WharfException e) {
          if (!ContainerLifecycle.processGone(e)) {
            throw e;
          }
          // the process exited and its exit is being recorded
          throw WharfException.conflict("Cannot kill container: " + id + ": Container " + id + " is not running");
        }
        PausePoint.reach("stop.afterSignal");
        if (r.state() == ContainerState.PAUSED) {
          // a frozen process cannot act on the signal: thaw it, as dockerd does
          node.executor().resume(id);
        }
        return null;
      }).compose(v -> r.state() == ContainerState.PAUSED
          ? lifecycle.save(r.withState(ContainerState.RUNNING)) : Future.<Void>succeededFuture()).map(v -> {
        lifecycle.event(r, "kill", Map.of("signal", Integer.toString(number)));
        return number;
      });
    });
  }

  /** Docker's stop: changed=false (304) when the container is not running; a restarting one stops at once. */
  public Future<ContainerRequests.Outcome> stop(String id, Integer timeoutSeconds, String signal) {
    ContainerRecord r = node.store().require(id);
    if (!r.state().isLive()) {
      return Future.succeededFuture(new ContainerRequests.Outcome(false));
    }
    String sig = signal != null && !signal.isEmpty() ? signal
        : (r.effective().stopSignal() != null ? r.effective().stopSignal() : "SIGTERM");
    int grace = timeoutSeconds != null ? timeoutSeconds
        : (r.effective().stopTimeout() != null ? r.effective().stopTimeout() : DEFAULT_STOP_SECONDS);
    Future<Integer> exit = node.waiters().nextExit(id);
    return send(id, sig)
        .recover(t -> isNotRunning(id) ? Future.succeededFuture(SIGKILL) : Future.failedFuture(t))
        .compose(n -> n == NO_PROCESS ? Future.succeededFuture(0) : grace < 0 ? exit : withTimeout(exit, grace))
        .recover(timedOut -> send(id, "KILL")
            .recover(t -> isNotRunning(id) ? Future.succeededFuture(SIGKILL) : Future.failedFuture(t))
            .compose(n -> n == NO_PROCESS ? Future.succeededFuture(0) : exit))
        .map(code -> {
          lifecycle.event(node.store().get(id).orElse(r), "stop", Map.of());
          return new ContainerRequests.Outcome(true);
        });
  }

  public Future<Void> restart(String id, Integer timeoutSeconds, String signal) {
    return stop(id, timeoutSeconds, signal)
        .compose(v -> lifecycle.blocking(() -> {
          ContainerRestarter.manuallyStarted(node.paths(), id);
          return null;
        }))
        .compose(v -> lifecycle.start(id))
        .map(v -> {
          lifecycle.event(node.store().require(id), "restart", Map.of());
          return (Void) null;
        });
  }

  public Future<Void> resize(String id, int height, int width) {
    ContainerRecord r = node.store().require(id);
    if (r.state() != ContainerState.RUNNING) {
      return Future.failedFuture(WharfException.conflict("Container " + id + " is not running"));
    }
    return lifecycle.blocking(() -> {
      node.executor().resize(id, height, width);
      return null;
    });
  }

  private boolean isNotRunning(String id) {
    return node.store().get(id).map(r -> !r.state().isLive()).orElse(true);
  }

  private Future<Integer> withTimeout(Future<Integer> exit, int seconds) {
    io.vertx.core.Promise<Integer> p = io.vertx.core.Promise.promise();
    long timer = node.vertx().setTimer(Math.max(1, seconds * 1000L), t -> p.tryFail("stop timeout"));
    exit.onComplete(ar -> {
      node.vertx().cancelTimer(timer);
      if (ar.succeeded()) {
        p.tryComplete(ar.result());
      } else {
        p.tryFail(ar.cause());
      }
    });
    return p.future();
  }
}
