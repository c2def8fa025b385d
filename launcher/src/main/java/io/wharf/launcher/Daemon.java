package io.wharf.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code wharf daemon} process:
 *
 * <pre>
 *   lock data root (and socket) -> clustered Vert.x (join) -> deploy roles -> wait for a signal
 *   SIGTERM/SIGINT -> undeploy roles in reverse -> close Vert.x (leave the cluster) -> unlock
 * </pre>
 *
 * Containers keep running across a daemon stop: they belong to their conmon shims. Blocking: the
 * calling thread waits for the whole life of the daemon.
 */
final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private static final long START_TIMEOUT_SECONDS = 180;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final DaemonOptions options;
  private final List<InstanceLock> locks = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Vertx vertx;
  private volatile RoleDeployment deployment;

  Daemon(DaemonOptions options) {
    this.options = options;
  }

  /** Runs until the JVM is told to stop; returns an exit code only when start-up fails. */
  int run() throws InterruptedException {
    long start = System.nanoTime();
    try {
      LocalAddresses.requireLocal(options.bind());
      prepareDirectories();
      lock();
      vertx = await(ClusterBootstrap.start(options), "join the cluster", START_TIMEOUT_SECONDS);
      Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "wharf-shutdown"));
      if (!vertx.isNativeTransportEnabled()) {
        LOG.warn("epoll transport unavailable: Docker attach/exec half-close will not work");
      }
      deployment = new RoleDeployment(vertx, options);
      await(deployment.deployAll(), "deploy roles", START_TIMEOUT_SECONDS);
    } catch (RuntimeException e) { // anything: a half-started daemon must not linger
      LOG.error("wharf daemon cannot start: {}", WharfException.of(e).getMessage());
      LOG.debug("start-up failure", e);
      stop();
      return 1;
    }
    LOG.info("wharf {} node {} ready in {} ms (roles {})", WharfVersion.get(), options.nodeName(),
        (System.nanoTime() - start) / 1_000_000, options.roles().stream().map(Role::wireName).toList());
    stopped.await();
    return 0;
  }

  private void prepareDirectories() {
    for (Path dir : List.of(options.dataRoot(), options.runDir(), options.socket().getParent())) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw WharfException.precondition("cannot create " + dir + ": " + e);
      }
    }
  }

  private void lock() {
    locks.add(InstanceLock.acquire(options.dataRoot().resolve("wharf.lock"),
        "data root " + options.dataRoot()));
    locks.add(InstanceLock.acquire(options.runDir().resolve("wharf.lock"), "run dir " + options.runDir()));
    if (options.roles().contains(Role.GATEWAY)) {
      Path socketLock = options.socket().resolveSibling(options.socket().getFileName() + ".lock");
      locks.add(InstanceLock.acquire(socketLock, "socket " + options.socket()));
    }
  }

  /** Idempotent; runs on the shutdown hook thread or after a failed start. */
  private synchronized void stop() {
    if (stopped.getCount() == 0) {
      return;
    }
    Vertx v = vertx;
    if (v != null) {
      LOG.info("wharf daemon stopping: undeploying {}", deployment == null ? "[]" : deployment.deployedRoles());
      Future<Void> undeployed = deployment == null ? Future.succeededFuture() : deployment.undeployAll();
      try {
        await(undeployed.eventually(v::close), "stop", STOP_TIMEOUT_SECONDS);
        LOG.info("wharf daemon stopped; left the cluster");
      } catch (WharfException e) {
        LOG.warn("wharf daemon did not stop cleanly: {}", e.getMessage());
      }
    }
    locks.forEach(InstanceLock::close);
    locks.clear();
    stopped.countDown();
  }

  /** Blocks the calling (non-Vert.x) thread on a future; failures become WharfExceptions. */
  private static <T> T await(Future<T> future, String what, long timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new WharfException(WharfException.of(e.getCause()).category(),
          "cannot " + what + ": " + WharfException.of(e.getCause()).getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw WharfException.precondition("cannot " + what + ": no answer in " + timeout + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WharfException.precondition("cannot " + what + ": interrupted");
    }
  }
}
