package io.wharf.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.wharf.api.Json;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import io.wharf.node.restart.RestartRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies restart policies ({@link RestartRule}) to this node's containers: an exit that a policy
 * restarts is saved as RESTARTING (RestartCount counted, as Docker), and a timer starts the container
 * after the back-off unless stop, kill, rm -f or update ended it meanwhile
 * ({@link ContainerLifecycle#endBackOff}). At daemon start it brings back {@code always} and
 * {@code unless-stopped} containers and resumes interrupted back-offs. A manual stop or kill is remembered in a
 * marker file in the container's dir (so it survives daemon restarts) until the next manual start.
 */
public final class ContainerRestarter {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRestarter.class);
  static final String MANUAL_STOP_MARKER = "manually-stopped";

  private final ContainerLifecycle lifecycle;
  private final NodeContext node;
  private final Map<String, Long> lastDelayMs = new ConcurrentHashMap<>();

  public ContainerRestarter(ContainerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.node = lifecycle.node;
    lifecycle.onExitOutcome(this::outcome);
    lifecycle.onExited(this::exited);
  }

  /** A user stopped or killed the container: no policy restarts it until a manual start. BLOCKS (a file write). */
  static void manuallyStopped(NodePaths paths, String id) {
    try {
      if (Files.isDirectory(paths.containerDir(id))) {
        Files.writeString(paths.containerDir(id).resolve(MANUAL_STOP_MARKER), "");
      }
    } catch (IOException e) {
      LOG.warn("cannot remember the manual stop of {}: {}", id, e.getMessage());
    }
  }

  /** A user started the container: policies apply again. BLOCKS (a file delete). */
  static void manuallyStarted(NodePaths paths, String id) {
    try {
      Files.deleteIfExists(paths.containerDir(id).resolve(MANUAL_STOP_MARKER));
    } catch (IOException e) {
      LOG.warn("cannot clear the manual stop of {}: {}", id, e.getMessage());
    }
  }

  /**
   * BLOCKS. At daemon start: the stopped containers whose policy brings them back (their marks are
   * cleared), and the RESTARTING ones whose back-off the previous agent did not finish.
   */
  public java.util.List<String> dueAtDaemonStart() {
    java.util.List<String> due = new java.util.ArrayList<>();
    for (ContainerRecord r : node.store().all()) {
      if (r.state() == ContainerState.RESTARTING) {
        due.add(r.id());
      } else if (r.state() == ContainerState.EXITED
          && RestartRule.restartsWithDaemon(policy(r), isManuallyStopped(r.id()))) {
        manuallyStarted(node.paths(), r.id());
        due.add(r.id());
      }
    }
    return due;
  }

  /** On the event loop: starts the containers {@link #dueAtDaemonStart} found; RESTARTING ones after a back-off. */
  public void startAll(java.util.List<String> ids) {
    for (String id : ids) {
      ContainerRecord r = node.store().get(id).orElse(null);
      if (r != null && r.state() == ContainerState.RESTARTING) {
        scheduleRestart(r);
        continue;
      }
      LOG.info("restarting {} (restart policy)", NodePaths.shortId(id));
      lifecycle.start(id).onFailure(t -> LOG.warn("restart of {} failed: {}", id, t.getMessage()));
    }
  }

  /**
   * BLOCKS (reads the marker); inside the container's queue, before the exit is saved. Docker counts
   * the restart when it decides it, so RestartCount already includes it while the container shows
   * {@code restarting}.
   */
  private ContainerRecord outcome(ContainerRecord done) {
    if (!RestartRule.restartsAfterExit(policy(done), done.exitCode(), done.restartCount(), isManuallyStopped(done.id()))) {
      return done;
    }
    return withRestartCount(done, done.restartCount() + 1).withState(ContainerState.RESTARTING);
  }

  private void exited(ContainerRecord done) {
    if (done.state() == ContainerState.RESTARTING) {
      scheduleRestart(done);
    } else {
      lastDelayMs.remove(done.id());
    }
  }

  private void scheduleRestart(ContainerRecord done) {
    long ranMs = Math.max(0, (done.finishedNanos() - done.startedNanos()) / 1_000_000);
    long delay = RestartRule.nextDelayMs(lastDelayMs.getOrDefault(done.id(), 0L), ranMs);
    lastDelayMs.put(done.id(), delay);
    node.vertx().setTimer(delay, t -> restart(done.id(), done.finishedNanos()));
  }

  /**
   * The back-off ended: starts the container if it still waits for this restart (not removed,
   * stopped, killed or started meanwhile) and its policy, maybe updated since, still says so;
   * otherwise a container left RESTARTING becomes EXITED.
   */
  private void restart(String id, long finishedNanos) {
    lifecycle.serialized(id, () -> {
      ContainerRecord now = node.store().get(id).orElse(null);
      if (now == null || now.state() != ContainerState.RESTARTING || now.finishedNanos() != finishedNanos) {
        if (now == null) {
          lastDelayMs.remove(id);
        }
        return Future.succeededFuture();
      }
      return lifecycle.blocking(() -> isManuallyStopped(id)).compose(manual -> {
        if (manual || !RestartRule.restartsAfterExit(policy(now), now.exitCode(), now.restartCount() - 1, false)) {
          lastDelayMs.remove(id);
          return lifecycle.endBackOff(id, false).mapEmpty();
        }
        LOG.debug("restarting {} (restart policy, count {})", NodePaths.shortId(id), now.restartCount());
        return lifecycle.startAfterBackOff(id).mapEmpty();
      });
    }).onFailure(t -> LOG.warn("restart of {} failed: {}", id, t.getMessage()));
  }

  private boolean isManuallyStopped(String id) {
    return Files.exists(marker(id));
  }

  private Path marker(String id) {
    return node.paths().containerDir(id).resolve(MANUAL_STOP_MARKER);
  }

  private static RestartPolicy policy(ContainerRecord r) {
    HostSettings h = r.effective().host();
    return h == null || h.restartPolicy() == null ? RestartPolicy.NO : h.restartPolicy();
  }

  /** Through JSON so that record fields added later carry over. */
  static ContainerRecord withRestartCount(ContainerRecord r, int count) {
    ObjectNode rec = Json.MAPPER.valueToTree(r);
    rec.put("restartCount", count);
    return Json.MAPPER.convertValue(rec, ContainerRecord.class);
  }
}
