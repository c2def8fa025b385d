package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.NetworkRequests;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rename hook over a real (local) event bus: with, without and with a failing network-service. */
class EndpointNamesTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<Void> follow() {
    return EndpointNames.follow(vertx.eventBus(), "c1", "fresh");
  }

  private static Throwable failureOf(Future<Void> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void withoutANetworkServiceThereIsNothingToRename() throws Exception {
    assertEquals(null, failureOf(follow()));
  }

  @Test
  void sendsTheContainerAndItsNewName() throws Exception {
    NetworkRequests.Rename[] seen = new NetworkRequests.Rename[1];
    Bus.serve(vertx.eventBus(), Addresses.NETWORK_RENAME, NetworkRequests.Rename.class, req -> {
      seen[0] = req;
      return Future.succeededFuture(new NetworkRequests.Renamed(2));
    }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(null, failureOf(follow()));
    assertEquals(new NetworkRequests.Rename("c1", "fresh"), seen[0]);
  }

  @Test
  void aFailingNetworkServiceFailsTheRename() throws Exception {
    Bus.serve(vertx.eventBus(), Addresses.NETWORK_RENAME, NetworkRequests.Rename.class,
        req -> Future.<NetworkRequests.Renamed>failedFuture(WharfException.internal("disk full", null)))
        .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(ErrorCategory.INTERNAL, WharfException.of(failureOf(follow())).category());
  }
}
