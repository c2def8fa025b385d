package io.wharf.node.exec;

import io.vertx.core.Future;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.exec.ExecRequests;
import io.wharf.node.ContainerRecord;
import io.wharf.node.NameGenerator;
import io.wharf.node.NodeContext;
import io.wharf.node.runtime.ExecShim;
import io.wharf.node.runtime.ExecSpec;
import io.wharf.node.runtime.ResolvedUser;
import io.wharf.node.runtime.UserResolver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker exec} on this node: create (checks the container runs), start in two blocking
 * steps around the client's connection ({@link #prepare}, then {@link #release}), exit tracking
 * ({@link #awaitFinish} for attached clients, {@link ExecExitPoller} for the rest), inspect and
 * resize. Every exit is recorded before an attached stream closes, so the CLI's inspect after the
 * stream sees the final ExitCode.
 */
public final class ExecService {
  private static final Logger LOG = LoggerFactory.getLogger(ExecService.class);
  private static final long ATTACHED_EXIT_WAIT_MS = 10_000;
  private static final long START_WAIT_MS = 30_000;
  /** How long a finished exec stays inspectable (the CLI inspects right after the stream ends). */
  static final long KEEP_EXITED_MS = 5 * 60_000;

  private final NodeContext node;
  private final ExecShim shim;
  private final ExecTable table = new ExecTable();
  private final ExecDirectory directory;
  /** Per starting exec: completes with null once it runs, or with the runtime's message when it could not. */
  private final Map<String, CompletableFuture<String>> starts = new ConcurrentHashMap<>();
  private final Map<String, int[]> lastSize = new ConcurrentHashMap<>();

  public ExecService(NodeContext node, ExecShim shim) {
    this.node = node;
    this.shim = shim;
    this.directory = new ExecDirectory(node.vertx(), node.nodeId());
  }

  public ExecTable table() {
    return table;
  }

  // ---- create ------------------------------------------------------------------------------

  public Future<ExecRequests.Created> create(ExecRequests.Create req) {
    if (req.cmd() == null || req.cmd().isEmpty()) {
      return Future.failedFuture(WharfException.invalid("No exec command specified"));
    }
    try {
      io.wharf.node.http.DetachKeys.parse(req.detachKeys(), "escape keys");
    } catch (WharfException e) {
      return Future.failedFuture(e);
    }
    ContainerRecord c = node.store().require(req.containerId());
    requireRunning(c);
    String id = NameGenerator.newId();
    table.put(new ExecRecord(id, req, ExecRecord.State.CREATED, 0, null));
    return directory.publish(id).map(v -> {
      event(c, "exec_create: " + String.join(" ", req.cmd()), id, Map.of());
      return new ExecRequests.Created(id);
    });
  }

  static void requireRunning(ContainerRecord c) {
    if (c.state() == ContainerState.PAUSED) {
      throw WharfException.conflict("Container " + c.id() + " is paused, unpause the container before exec");
    }
    if (c.state() == ContainerState.RESTARTING) {
      throw WharfException.conflict("Container " + c.id() + " is restarting, wait until the container is running");
    }
    if (c.state() != ContainerState.RUNNING) {
      throw WharfException.conflict("Container " + c.id() + " is not running");
    }
  }

  // ---- start -------------------------------------------------------------------------------

  /** Marks the exec as starting (on any thread). @throws WharfException NOT_FOUND, CONFLICT */
  public ExecRecord claim(String execId) {
    ExecRecord created = table.require(execId);
    requireRunning(node.store().require(created.containerId()));
    table.claimStart(created, created.running(0));
    starts.put(execId, new CompletableFuture<>());
    return table.require(execId);
  }

  /** BLOCKS. Starts the exec's shim; returns the attach socket to connect to before {@link #release}. */
  public Path prepare(ExecRecord r) {
    try {
      Path socket = shim.prepare(r.containerId(), r.id(), spec(r.request()));
      io.wharf.node.PausePoint.reach("exec.afterPrepare");
      return socket;
    } catch (RuntimeException e) {
      finish(r.id(), ExecRecord.START_FAILED);
      starts.remove(r.id());
      throw e;
    }
  }

  /**
   * BLOCKS. Lets the exec run. A runtime failure (missing binary...) is recorded as the exit (126
   * or 127) and kept for {@link #awaitFinish}; it is rethrown only when {@code rethrow}.
   */
  public void release(ExecRecord r, boolean rethrow) {
    try {
      int pid = shim.release(r.id());
      table.update(r.id(), now -> now.state() == ExecRecord.State.EXITED ? now : now.running(pid));
      int[] size = lastSize.remove(r.id());
      if (size != null) {
        resizeQuietly(r.id(), size[0], size[1]);
      }
      started(r.id(), null);
      ContainerRecord c = node.store().get(r.containerId()).orElse(null);
      if (c != null) {
        event(c, "exec_start: " + String.join(" ", r.request().cmd()), r.id(), Map.of());
      }
    } catch (RuntimeException e) {
      finish(r.id(), ExecRecord.START_FAILED);
      started(r.id(), e.getMessage());
      if (rethrow) {
        throw e;
      }
    } finally {
      if (rethrow) {
        starts.remove(r.id());
      }
    }
  }

  /**
   * BLOCKS. Called once an attached exec's output ended: waits for its exit code and records it.
   * Returns the start failure's message to show the client, if the process never ran.
   */
  public Optional<String> awaitFinish(String execId) {
    try {
      CompletableFuture<String> start = starts.get(execId);
      String failure = start == null ? null : start.get(START_WAIT_MS, TimeUnit.MILLISECONDS);
      starts.remove(execId);
      if (failure != null) {
        return Optional.of(failure.endsWith(": unknown") ? failure : failure + ": unknown");
      }
      shim.awaitExit(execId, ATTACHED_EXIT_WAIT_MS).ifPresent(code -> finish(execId, code));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("exec {} did not report its start: {}", execId, e.getMessage());
    }
    return Optional.empty();
  }

  private void started(String execId, String failure) {
    CompletableFuture<String> start = starts.get(execId);
    if (start != null) {
      start.complete(failure);
    }
  }

  /** Ids of the container's execs that have not exited, for container inspect's ExecIDs. */
  public List<String> liveExecIds(String containerId) {
    return table.liveIdsOf(containerId);
  }

  /** Polls the exit files of running execs (blocking, cheap); used by {@link ExecExitPoller}. */
  void pollExits() {
    for (ExecRecord r : table.running()) {
      shim.exitCode(r.id()).ifPresent(code -> finish(r.id(), code));
    }
  }

  /** Records the exit once (whoever sees it first) and announces exec_die. */
  void finish(String execId, int code) {
    ExecRecord[] before = new ExecRecord[1];
    ExecRecord after = table.update(execId, now -> {
      before[0] = now;
      return now.state() == ExecRecord.State.EXITED ? now : now.exited(code);
    });
    if (after == null || before[0].state() == ExecRecord.State.EXITED) {
      return;
    }
    ExecRecord now = after;
    try {
      shim.delete(execId);
    } catch (RuntimeException e) {
      LOG.debug("cannot clean exec {}: {}", execId, e.getMessage());
    }
    node.store().get(now.containerId()).ifPresent(c ->
        event(c, "exec_die", execId, Map.of("exitCode", Integer.toString(code))));
    node.vertx().setTimer(KEEP_EXITED_MS, t -> forgetExited(execId));
  }

  // ---- inspect, resize, cleanup ------------------------------------------------------------

  public Future<ExecRequests.Details> inspect(String execId) {
    return Future.succeededFuture(table.require(execId).details());
  }

  /** Resizes a running exec's pty; before it runs the size is kept and applied once it does. */
  public Future<Void> resize(String execId, int height, int width) {
    if (height <= 0 || width <= 0) {
      return Future.failedFuture(WharfException.invalid("bad terminal size " + height + "x" + width));
    }
    ExecRecord r = table.require(execId);
    if (!r.request().tty()) {
      return Future.succeededFuture();
    }
    if (r.state() != ExecRecord.State.RUNNING || r.pid() == 0) {
      lastSize.put(execId, new int[] {height, width});
      return Future.succeededFuture();
    }
    return node.workers().executeBlocking(() -> {
      resizeQuietly(execId, height, width);
      return null;
    }, false);
  }

  private void resizeQuietly(String execId, int height, int width) {
    try {
      shim.resize(execId, height, width);
    } catch (RuntimeException e) {
      LOG.debug("resize of exec {} failed: {}", execId, e.getMessage());
    }
  }

  private void forgetExited(String execId) {
    table.get(execId).filter(r -> r.state() == ExecRecord.State.EXITED).ifPresent(r -> {
      table.removeIf(r);
      directory.forget(List.of(execId));
    });
  }

  /** The container stopped or went away: its execs are gone (as in Docker). */
  public Future<Void> containerGone(String containerId) {
    List<String> ids = table.idsOf(containerId);
    return node.workers().executeBlocking(() -> {
      pollExits();
      return null;
    }, false).compose(v -> {
      table.removeOf(containerId);
      ids.forEach(starts::remove);
      return directory.forget(ids);
    });
  }

  // ---- pieces ------------------------------------------------------------------------------

  private ExecSpec spec(ExecRequests.Create req) {
    ResolvedUser user = null;
    if (req.user() != null && !req.user().isEmpty()) {
      user = UserResolver.forRootfs(node.paths().rootfs(req.containerId())).resolve(req.user());
    }
    return new ExecSpec(req.cmd(), req.env(), user, req.workingDir(), req.tty(), req.attachStdin(),
        req.consoleSize(), req.privileged());
  }

  /** Publishes on the events topic (the event bus is safe to use from worker threads). */
  private void event(ContainerRecord c, String action, String execId, Map<String, String> extra) {
    Map<String, String> attrs = new HashMap<>();
    if (c.effective().labels() != null) {
      attrs.putAll(c.effective().labels());
    }
    attrs.put("image", c.requested().image());
    attrs.put("name", c.name());
    attrs.put("execID", execId);
    attrs.putAll(extra);
    node.cluster().event("container", action, c.id(), attrs);
  }
}
