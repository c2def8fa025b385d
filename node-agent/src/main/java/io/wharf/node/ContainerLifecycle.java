package io.wharf.node;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerRequests;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.api.image.ImageDetails;
import io.wharf.node.cluster.ClusterView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, starts and removes the containers this node owns, and reacts to their exits. Every
 * operation on one container is serialized ({@link SerialQueue}); blocking work (mounts, the
 * runtime, files) runs on the node's worker pool. A change is saved durably, then published to the
 * cluster view, then announced as an event.
 *
 * <p>Create only prepares (record, layers, files); the runtime's create+start happen at start, as in
 * Docker. Signals, stop and restart live in {@link ContainerSignals}.
 */
public final class ContainerLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerLifecycle.class);

  final NodeContext node;
  private final SerialQueue queue = new SerialQueue();
  /** Probes the running containers that have a health check. */
  final io.wharf.node.health.HealthMonitor health;
  private volatile java.util.function.Consumer<ContainerRecord> exitListener = r -> { };
  /** Turns an exited record into a RESTARTING one when a restart policy applies (blocking allowed). */
  private volatile java.util.function.UnaryOperator<ContainerRecord> exitOutcome = r -> r;
  private volatile ContainerNetworking networking = ContainerNetworking.NONE;

  private final VolumeAttachments volumes;
  /** The ids of a container's execs that have not exited, for inspect's ExecIDs. */
  private volatile java.util.function.Function<String, List<String>> execIds = id -> List.of();

  public ContainerLifecycle(NodeContext node) {
    this.volumes = new VolumeAttachments(node);
    this.node = node;
    this.health = new io.wharf.node.health.HealthMonitor(node.vertx(), new ContainerHealth(this));
    LogRotationTimer.start(this);
    node.executor().onExit((id, code) -> node.vertx().runOnContext(v -> exited(id, code)));
  }

  // ---- create ------------------------------------------------------------------------------

  public Future<ContainerRequests.Created> create(ContainerSpec spec) {
    String id = NameGenerator.newId();
    if (spec.name() != null && !spec.name().isEmpty() && !NameGenerator.isValidName(spec.name())) {
      return Future.failedFuture(WharfException.invalid("Invalid container name (" + spec.name()
          + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
    }
    if (spec.stopSignal() != null && !spec.stopSignal().isEmpty()) {
      try {
        io.wharf.node.runtime.Signals.parse(spec.stopSignal()); // Docker's 400 "Invalid signal: FOO"
      } catch (WharfException e) {
        return Future.failedFuture(e);
      }
    }
    return node.images().inspect(spec.image()).compose(image -> {
      ContainerSpec merged = ConfigMerger.merge(spec, image.config(), id);
      return reserveName(spec.name(), id, 0)
          .compose(name -> volumes.resolve(id, merged)
              .compose(effective -> prepare(id, name, spec, effective, image))
              .recover(t -> volumes.forget(id).transform(x -> Future.failedFuture(t)))
              .recover(t -> node.cluster().releaseName(name, id).transform(x -> Future.failedFuture(t))));
    });
  }

  private Future<String> reserveName(String requested, String id, int attempt) {
    if (requested != null && !requested.isEmpty()) {
      String name = requested.startsWith("/") ? requested.substring(1) : requested;
      return node.cluster().reserveName(name, id).map(name);
    }
    String candidate = NameGenerator.randomName(attempt);
    return node.cluster().reserveName(candidate, id).map(candidate)
        .recover(t -> attempt < 5 ? reserveName(null, id, attempt + 1) : Future.failedFuture(t));
  }

  private Future<ContainerRequests.Created> prepare(String id, String name, ContainerSpec requested,
      ContainerSpec effective, ImageDetails image) {
    List<String> diffIds = image.layers().stream().map(l -> l.diffId()).toList();
    ContainerRecord record = new ContainerRecord(id, name, node.nodeId(), requested, effective,
        image.summary().id(), diffIds, nowNanos(), ContainerState.CREATED, 0, 0, 0, 0, false, "", 0);
    long n0 = System.nanoTime();
    return networking.created(record)
        .onSuccess(v -> LOG.debug("create {}: networking {} ms", record.id(), ms(System.nanoTime() - n0)))
        .compose(v -> node.blobSource().compose(blobs -> blocking(() -> {
      io.wharf.node.runtime.RunOptionsInput.checkAtCreate(effective.host());
      try {
        long t0 = System.nanoTime();
        node.rootfs().ensureLayers(image.layers(), blobs);
        long t1 = System.nanoTime();
        java.nio.file.Files.createDirectories(node.paths().containerDir(id));
        node.files().write(id, effective);
        PausePoint.reach("create.beforeRecord");
        node.store().save(record);
        LOG.debug("create {}: layers {} ms, files+record {} ms", id, ms(t1 - t0), ms(System.nanoTime() - t1));
        return record;
      } catch (RuntimeException | java.io.IOException e) {
        FileTrees.deleteRecursively(node.paths().containerDir(id));
        throw e instanceof RuntimeException r ? r : WharfException.internal(e.getMessage(), e);
      }
    })).recover(t -> networking.removed(record).transform(x -> Future.<ContainerRecord>failedFuture(t))))
        .compose(r -> node.cluster().publish(r.summary()).map(r))
        .map(r -> {
          event(r, "create", Map.of());
          return new ContainerRequests.Created(id, List.of());
        });
  }

  // ---- start -------------------------------------------------------------------------------

  /** Starts a created or exited container; changed=false when it already runs (Docker's 304). */
  public Future<ContainerRequests.Outcome> start(String id) {
    return queue.run(id, () -> startNow(id, false)).onFailure(t -> node.store().get(id)
        .filter(r -> r.effective().host().autoRemove() && !r.state().isLive())
        .ifPresent(r -> remove(id, true, true)));
  }

  /** Starts a RESTARTING container whose back-off ended; call inside its queue. */
  Future<ContainerRequests.Outcome> startAfterBackOff(String id) {
    return startNow(id, true);
  }

  /** @param afterBackOff whether a restart policy starts it (a user's start of a RESTARTING container is a 304) */
  private Future<ContainerRequests.Outcome> startNow(String id, boolean afterBackOff) {
    ContainerRecord r = node.store().require(id);
    if (r.state() == ContainerState.RUNNING || r.state() == ContainerState.PAUSED
        || (r.state() == ContainerState.RESTARTING && !afterBackOff)) {
      return Future.succeededFuture(new ContainerRequests.Outcome(false));
    }
    if (r.state() == ContainerState.REMOVING || r.state() == ContainerState.DEAD) {
      return Future.failedFuture(WharfException.precondition(
          "container " + id + " is marked for removal and cannot be started"));
    }
    long n0 = System.nanoTime();
    return networking.beforeStart(r)
        .onSuccess(v -> LOG.debug("start {}: networking {} ms", id, ms(System.nanoTime() - n0)))
        .compose(v -> blocking(() -> runtimeStart(r)))
        .onFailure(t -> networking.stopped(id))
        .compose(started -> node.cluster().publish(started.summary()).map(started))
        .map(started -> {
          event(started, "start", Map.of());
          health.watch(id);
          return new ContainerRequests.Outcome(true);
        });
  }

  private ContainerRecord runtimeStart(ContainerRecord r) {
    long t0 = System.nanoTime();
    java.nio.file.Path rootfs = node.rootfs().mount(r.id(), r.diffIds());
    try {
      VolumeCopyUp.fill(rootfs, r.effective().host().mounts());
      long t1 = System.nanoTime();
      node.executor().delete(r.id(), true);
      long t2 = System.nanoTime();
      int pid = node.executor().create(r, rootfs);
      PausePoint.reach("start.afterShim");
      long t3 = System.nanoTime();
      node.attachHub().connectPending(r.id());
      node.executor().start(r.id());
      PausePoint.reach("start.afterRuncStart");
      long t4 = System.nanoTime();
      ContainerRecord started = r.started(pid, nowNanos());
      node.store().save(started);
      LOG.debug("start {}: mount {} ms, runc delete {} ms, conmon+runc create {} ms, attach+runc start {} ms, save {} ms",
          r.id(), ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(System.nanoTime() - t4));
      return started;
    } catch (RuntimeException e) {
      node.executor().delete(r.id(), true);
      node.rootfs().unmount(r.id());
      node.attachHub().failPending(r.id(), e.getMessage());
      ContainerRecord failed = r.failedToStart(e.getMessage());
      node.store().save(failed);
      throw WharfException.of(e);
    }
  }

  // ---- exit --------------------------------------------------------------------------------

  /** The runtime reported that a container's process ended (just now). */
  void exited(String id, int code) {
    exited(id, code, nowNanos());
  }

  /**
   * A container's process ended at {@code finishedAtNanos} (epoch nanoseconds): live-restore passes
   * the time conmon wrote the exit file, so a container that exited while the agent was down keeps
   * its real finish time.
   */
  void exited(String id, int code, long finishedAtNanos) {
    queue.run(id, () -> {
      ContainerRecord r = node.store().get(id).orElse(null);
      if (r == null || !r.state().isLive()) {
        return Future.succeededFuture();
      }
      return blocking(() -> {
        long t0 = System.nanoTime();
        node.attachHub().markStopped(id);
        boolean oom = node.executor().oomKilled(id);
        long t1 = System.nanoTime();
        node.executor().delete(id, true);
        long t2 = System.nanoTime();
        node.rootfs().unmount(id);
        LOG.debug("exit {}: oom check {} ms, runc delete {} ms, unmount {} ms", id, ms(t1 - t0), ms(t2 - t1),
            ms(System.nanoTime() - t2));
        return exitOutcome.apply(r.exited(code, oom, finishedAtNanos, ""));
      }).compose(done -> networking.stopped(id).map(done))
          .compose(done -> save(done).map(done)).map(done -> {
        if (done.oomKilled()) {
          event(done, "oom", Map.of());
        }
        event(done, "die", Map.of("exitCode", Integer.toString(code)));
        node.waiters().exited(id, code);
        return done;
      });
    }).onSuccess(done -> {
      if (done != null) {
        exitListener.accept(done);
      }
      if (done != null && done.effective().host().autoRemove() && !done.state().isLive()) {
        remove(id, true, true).onFailure(t -> LOG.warn("auto-remove of {} failed: {}", id, t.getMessage()));
      }
    }).onFailure(t -> LOG.error("handling exit of {} failed", id, t));
  }

  // ---- remove ------------------------------------------------------------------------------

  /**
   * SIGKILL for rm -f; false when runc no longer runs the container (its process already exited
   * and the exit is being handled), which Docker does not report as an error either.
   */
  private boolean killUnlessGone(String id) {
    try {
      node.executor().kill(id, 9);
      return true;
    } catch (WharfException e) {
      if (processGone(e)) {
        return false;
      }
      throw e;
    }
  }

  /** runc's kill failed because the container's process has already exited (not known, not running). */
  static boolean processGone(WharfException e) {
    return e.category() == io.wharf.api.ErrorCategory.NOT_FOUND
        || (e.category() == io.wharf.api.ErrorCategory.FAILED_PRECONDITION && e.getMessage().contains("not running"));
  }

  public Future<Void> remove(String id, boolean force, boolean removeVolumes) {
    ContainerRecord r = node.store().require(id);
    if (r.state().isLive()) {
      if (!force) {
        return Future.failedFuture(cannotRemove(r));
      }
      Future<Integer> exit = node.waiters().nextExit(id);
      // A process that is already gone is not an error: its exit is being recorded (or was).
      return queue.run(id, () -> killForRemoval(id))
          .compose(sent -> sent || node.store().require(id).state().isLive() ? exit.mapEmpty() : Future.succeededFuture())
          .compose(v -> remove(id, false, removeVolumes));
    }
    return queue.run(id, () -> {
      ContainerRecord current = node.store().get(id).orElse(null);
      if (current == null) {
        return Future.failedFuture(WharfException.notFound("No such container: " + id));
      }
      if (current.state().isLive()) {
        return Future.failedFuture(cannotRemove(current));
      }
      return blocking(() -> {
        long t0 = System.nanoTime();
        node.store().save(current.withState(ContainerState.REMOVING));
        long t1 = System.nanoTime();
        node.executor().delete(id, true);
        long t2 = System.nanoTime();
        node.rootfs().remove(id);
        node.store().delete(id);
        node.attachHub().failPending(id, "container removed");
        LOG.debug("remove {}: save {} ms, runc delete {} ms, rootfs+record {} ms", id, ms(t1 - t0), ms(t2 - t1),
            ms(System.nanoTime() - t2));
        return current;
      }).compose(gone -> {
        long n0 = System.nanoTime();
        return networking.removed(gone).map(gone)
            .onSuccess(x -> LOG.debug("remove {}: networking {} ms", id, ms(System.nanoTime() - n0)));
      }).compose(gone -> node.cluster().forget(id)
          .compose(v -> node.cluster().releaseName(gone.name(), id))
          .compose(v -> volumes.release(id, gone.effective(), removeVolumes)
              .recover(t -> {
                LOG.warn("releasing the volumes of {} failed: {}", id, t.getMessage());
                return Future.succeededFuture();
              }))
          .map(v -> {
            event(gone, "destroy", Map.of());
            node.waiters().removed(id, gone.exitCode());
            return (Void) null;
          }));
    });
  }

  /**
   * rm -f of a live container, inside its queue: SIGKILL (marked as a manual stop, so no restart
   * policy brings it back), or the end of its back-off when it is RESTARTING. True when killed.
   */
  private Future<Boolean> killForRemoval(String id) {
    ContainerRecord now = node.store().require(id);
    if (now.state() == ContainerState.RESTARTING) {
      return endBackOff(id, false).map(false);
    }
    if (!now.state().isLive()) {
      return Future.succeededFuture(false);
    }
    return blocking(() -> {
      ContainerRestarter.manuallyStopped(node.paths(), id);
      return killUnlessGone(id);
    });
  }

  /** Docker's 409 for rm without -f of a live container, naming its state. */
  private static WharfException cannotRemove(ContainerRecord r) {
    String procedure = r.state() == ContainerState.PAUSED
        ? "Unpause and then stop the container before attempting removal or force remove"
        : "Stop the container before attempting removal or force remove";
    return WharfException.conflict("You cannot remove a " + r.state().wire() + " container " + r.id() + ". " + procedure);
  }

  /**
   * Ends the back-off of a RESTARTING container: it becomes EXITED with its last exit code, and the
   * pending restart, finding it so, does nothing. {@code manual} (stop, kill) also keeps policies off
   * until the next manual start. Call inside the container's queue; true when there was a back-off.
   */
  Future<Boolean> endBackOff(String id, boolean manual) {
    ContainerRecord r = node.store().require(id);
    if (r.state() != ContainerState.RESTARTING) {
      return Future.succeededFuture(false);
    }
    return blocking(() -> {
      if (manual) {
        ContainerRestarter.manuallyStopped(node.paths(), id);
      }
      return null;
    }).compose(v -> save(r.withState(ContainerState.EXITED))).map(true);
  }

  // ---- inspect and rename ------------------------------------------------------------------

  public Future<ContainerDetails> inspect(String id, boolean size) {
    ContainerRecord r = node.store().require(id);
    if (!size) {
      return Future.succeededFuture(ContainerDetailsView.of(r, node, -1).withExecIds(execIds.apply(id)));
    }
    return blocking(() -> ContainerDetailsView.of(r, node, node.rootfs().writableSize(id)).withExecIds(execIds.apply(id)));
  }

  /** Where inspect gets a container's live exec ids from (the exec service, once it exists). */
  public void onExecIds(java.util.function.Function<String, List<String>> source) {
    this.execIds = source;
  }

  public Future<Void> rename(String id, String newName) {
    String name = newName == null ? "" : (newName.startsWith("/") ? newName.substring(1) : newName);
    if (name.isEmpty() || !NameGenerator.isValidName(name)) {
      return Future.failedFuture(WharfException.invalid("Invalid container name (" + newName
          + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
    }
    return queue.run(id, () -> {
      ContainerRecord r = node.store().require(id);
      if (r.name().equals(name)) {
        return Future.failedFuture(WharfException.conflict("Renaming a container with the same name as its current name"));
      }
      return node.cluster().reserveName(name, id)
          .compose(v -> save(r.renamed(name)))
          .compose(v -> node.cluster().releaseName(r.name(), id))
          .map(v -> {
            event(r.renamed(name), "rename", Map.of("oldName", "/" + r.name()));
            return (Void) null;
          });
    });
  }

  /** Live-restore: networking takes over the links of a container that kept running. */
  Future<Void> networkAdopted(ContainerRecord r) {
    return networking.adopted(r);
  }

  /** Tears down what networking set up for a container that is not running (idempotent). */
  Future<Void> networkStopped(String id) {
    return networking.stopped(id);
  }

  /**
   * Applies a network connect (or disconnect) to a running container now, in the container's
   * serial queue; a container that is not running is left alone: its next start links every
   * network recorded for it.
   */
  Future<Void> networkChanged(String id, io.wharf.api.network.NetworkRequests.Attached a, boolean connected) {
    return queue.run(id, () -> {
      ContainerRecord r = node.store().get(id).orElse(null);
      if (r == null || !r.state().isLive()) {
        return Future.succeededFuture();
      }
      return connected ? networking.connectedLive(r, a) : networking.disconnectedLive(r, a);
    });
  }

  /** Plugs in networking (the node agent does, when the network-service is part of the cluster). */
  public void useNetworking(ContainerNetworking networking) {
    this.networking = networking;
  }

  /** Told about every exit once it is saved and announced (restart policies). */
  void onExited(java.util.function.Consumer<ContainerRecord> listener) {
    this.exitListener = listener;
  }

  /** Decides, on a worker thread inside the container's queue, what an exit leaves (restart policies). */
  void onExitOutcome(java.util.function.UnaryOperator<ContainerRecord> outcome) {
    this.exitOutcome = outcome;
  }

  // ---- shared pieces -----------------------------------------------------------------------

  <T> Future<T> serialized(String id, java.util.function.Supplier<Future<T>> op) {
    return queue.run(id, op);
  }

  Future<Void> save(ContainerRecord r) {
    return blocking(() -> {
      node.store().save(r);
      return null;
    }).compose(v -> node.cluster().publish(r.summary()));
  }

  <T> Future<T> blocking(Callable<T> work) {
    return node.workers().executeBlocking(work, false);
  }

  void event(ContainerRecord r, String action, Map<String, String> extra) {
    Map<String, String> attrs = new HashMap<>();
    if (r.effective().labels() != null) {
      attrs.putAll(r.effective().labels());
    }
    attrs.put("image", r.requested().image());
    attrs.put("name", r.name());
    attrs.putAll(extra);
    node.cluster().event("container", action, r.id(), attrs);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  static long nowNanos() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
