package io.wharf.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Applies restart policies ({@link RestartRule}) to this node's containers: after an exit it
 * schedules a restart with back-off, counting RestartCount; at daemon start it brings back
 * {@code always} and {@code unless-stopped} containers. A manual stop or kill is remembered in a
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

  /** BLOCKS. At daemon start: the stopped containers whose policy brings them back; clears their marks. */
  public java.util.List<String> dueAtDaemonStart() {
    java.util.List<String> due = new java.util.ArrayList<>();
    for (ContainerRecord r : node.store().all()) {
      if (r.state() == ContainerState.EXITED && RestartRule.restartsWithDaemon(policy(r), isManuallyStopped(r.id()))) {
        manuallyStarted(node.paths(), r.id());
        due.add(r.id());
      }
    }
    return due;
  }

  /** On the event loop: starts the containers {@link #dueAtDaemonStart} found. */
  public void startAll(java.util.List<String> ids) {
    for (String id : ids) {
      LOG.info("restarting {} (restart policy)", NodePaths.shortId(id));
      lifecycle.start(id).onFailure(t -> LOG.warn("restart of {} failed: {}", id, t.getMessage()));
    }
  }

  private void exited(ContainerRecord done) {
    if (RestartRule.restartsAfterExit(policy(done), done.exitCode(), done.restartCount(), false)) {
      lifecycle.blocking(() -> isManuallyStopped(done.id())).onSuccess(manual -> afterExit(done, manual));
    } else {
      lastDelayMs.remove(done.id());
    }
  }

  private void afterExit(ContainerRecord done, boolean manual) {
    if (manual) {
      lastDelayMs.remove(done.id());
      return;
    }
    long ranMs = Math.max(0, (done.finishedNanos() - done.startedNanos()) / 1_000_000);
    long delay = RestartRule.nextDelayMs(lastDelayMs.getOrDefault(done.id(), 0L), ranMs);
    lastDelayMs.put(done.id(), delay);
    node.vertx().setTimer(delay, t -> restart(done));
  }

  /** Restarts unless something else happened meanwhile (removed, started, stopped by hand). */
  private void restart(ContainerRecord exited) {
    lifecycle.blocking(() -> isManuallyStopped(exited.id())).onSuccess(manual -> {
      ContainerRecord now = node.store().get(exited.id()).orElse(null);
      if (!manual && now != null && now.state() == ContainerState.EXITED && now.finishedNanos() == exited.finishedNanos()) {
        restartNow(now);
      }
    });
  }

  private void restartNow(ContainerRecord now) {
    ContainerRecord counted = withRestartCount(now, now.restartCount() + 1);
    lifecycle.save(counted).compose(v -> lifecycle.start(now.id())).onSuccess(o ->
        lifecycle.event(node.store().get(now.id()).orElse(counted), "restart", Map.of()))
        .onFailure(t -> LOG.warn("restart of {} failed: {}", now.id(), t.getMessage()));
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
