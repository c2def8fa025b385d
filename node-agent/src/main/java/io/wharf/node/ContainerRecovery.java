package io.wharf.node;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live-restore: after the node agent (re)starts, bring every durable record in line with what the
 * host really has, and republish it to the cluster. Containers whose shim kept running are adopted
 * untouched; containers that exited while the agent was down get their real exit code; anything cut
 * short mid-create or mid-start is cleaned up. Runs once, before the node takes requests.
 */
final class ContainerRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRecovery.class);
  /** Exit code shown when the runtime lost the container (e.g. the host rebooted), as Docker's 255. */
  static final int LOST_EXIT_CODE = 255;

  private final NodeContext node;
  private final ContainerLifecycle lifecycle;

  ContainerRecovery(NodeContext node, ContainerLifecycle lifecycle) {
    this.node = node;
    this.lifecycle = lifecycle;
  }

  Future<Void> run() {
    return lifecycle.blocking(this::inspectHost).compose(this::apply);
  }

  /** Blocking part: read records, clean orphans, ask the runtime about each live container. */
  private List<Runnable> inspectHost() throws java.io.IOException {
    List<Runnable> followUps = new ArrayList<>();
    List<ContainerRecord> records = node.store().loadAll();
    for (String orphan : node.store().orphanDirs()) {
      LOG.info("removing {}: its create was cut short", orphan);
      node.executor().delete(orphan, true);
      node.rootfs().remove(orphan);
      FileTrees.deleteRecursively(node.paths().containerDir(orphan));
    }
    int execs = io.wharf.node.exec.ExecLeftovers.clean(node.paths().execsDir());
    if (execs > 0) {
      LOG.info("removed {} exec dirs left by the previous agent", execs);
    }
    for (ContainerRecord r : records) {
      ContainerCommit.discardLeftovers(node.paths(), r.id());
      switch (r.state()) {
        case RUNNING, PAUSED -> followUps.add(adopt(r));
        // RESTARTING (a back-off the restarter resumes) is cleaned like a stopped container: a start
        // cut short after runc start but before its record was saved leaves a process to kill
        case REMOVING -> followUps.add(() -> lifecycle.remove(r.id(), true, false));
        default -> {
          node.executor().delete(r.id(), true);
          node.rootfs().unmount(r.id()); // a cp/export/commit of a stopped container cut short
          followUps.add(() -> lifecycle.networkStopped(r.id())); // a start cut short made its netns
        }
      }
    }
    return followUps;
  }

  private Runnable adopt(ContainerRecord r) {
    ContainerExecutor.Recovered found = node.executor().recover(r.id());
    switch (found.kind()) {
      case RUNNING:
        LOG.info("container {} kept running (pid {})", NodePaths.shortId(r.id()), found.pid());
        node.attachHub().markRunning(r.id());
        thawAfterCommit(r);
        return () -> {
          lifecycle.health.watch(r.id());
          lifecycle.networkAdopted(r); // DNS responder, DNAT, links and rules come back
        };
      case EXITED:
        long finishedAt = exitFileTime(r.id());
        return () -> lifecycle.exited(r.id(), found.exitCode(), finishedAt);
      case SHIM_LOST:
        LOG.warn("container {} lost its shim; killing it", NodePaths.shortId(r.id()));
        node.executor().delete(r.id(), true);
        return () -> lifecycle.exited(r.id(), -1);
      default:
        return () -> lifecycle.exited(r.id(), LOST_EXIT_CODE);
    }
  }

  /**
   * A commit freezes a running container for its duration; a crash in between leaves it frozen
   * while its record says RUNNING: thaw it. (A container the user paused has the PAUSED record.)
   */
  private void thawAfterCommit(ContainerRecord r) {
    if (r.state() == io.wharf.api.container.ContainerState.RUNNING
        && node.executor() instanceof io.wharf.node.runtime.RuncConmonExecutor e) {
      e.runtime().runc().state(r.id()).filter(s -> "paused".equals(s.status())).ifPresent(s -> {
        LOG.info("container {} was left frozen by a commit; resuming it", NodePaths.shortId(r.id()));
        e.runtime().runc().resume(r.id());
      });
    }
  }

  /**
   * When the container exited: conmon writes its exit file once the process is gone and stdio is
   * drained, so the file's mtime is the finish time. Now when the file cannot be read. Blocks.
   */
  private long exitFileTime(String id) {
    try {
      Instant t = Files.getLastModifiedTime(node.paths().exitsDir().resolve(id)).toInstant();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    } catch (IOException e) {
      return ContainerLifecycle.nowNanos();
    }
  }

  private Future<Void> apply(List<Runnable> followUps) {
    List<Future<Void>> published = new ArrayList<>();
    for (ContainerRecord r : node.store().all()) {
      published.add(node.cluster().reserveName(r.name(), r.id())
          .recover(t -> {
            LOG.error("container {} cannot keep its name {}: {}", r.id(), r.name(), t.getMessage());
            return Future.succeededFuture();
          })
          .compose(v -> node.cluster().publish(r.summary())));
    }
    return Future.all(published).onSuccess(v -> followUps.forEach(Runnable::run)).mapEmpty();
  }

}
