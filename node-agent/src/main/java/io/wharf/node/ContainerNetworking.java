package io.wharf.node;

import io.vertx.core.Future;

/**
 * The container lifecycle's hook into networking: before the runtime creates a container its
 * network namespace must be ready (runc joins /var/run/netns/&lt;id&gt; when it exists); after an
 * exit the namespace goes; on removal the container's addresses are given back.
 * Implementations never fail the container on cleanup: they log.
 */
public interface ContainerNetworking {
  /** At create: the container's endpoint exists from now on (as in Docker); fails for an unknown network. */
  default Future<Void> created(ContainerRecord r) {
    return Future.succeededFuture();
  }

  Future<Void> beforeStart(ContainerRecord r);

  /** After an agent restart, for a container that kept running: re-make what its network lost. */
  default Future<Void> adopted(ContainerRecord r) {
    return Future.succeededFuture();
  }

  Future<Void> stopped(String id);

  Future<Void> removed(ContainerRecord r);

  /** Loopback-only networking, as before issue 6 (and in tests that run no network-service). */
  ContainerNetworking NONE = new ContainerNetworking() {
    @Override
    public Future<Void> beforeStart(ContainerRecord r) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stopped(String id) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> removed(ContainerRecord r) {
      return Future.succeededFuture();
    }
  };
}
