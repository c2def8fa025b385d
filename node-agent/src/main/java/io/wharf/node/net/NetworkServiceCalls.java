package io.wharf.node.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;

/**
 * Calls to the network-service that must outwait its start: in a one-JVM daemon the network role
 * deploys after the node agent's recovery, so a recovery-time connect is retried every
 * {@value #RETRY_MS} ms while nobody answers, for two minutes (a loaded host starts slowly).
 * Call on a Vert.x context.
 */
final class NetworkServiceCalls {
  private NetworkServiceCalls() {}

  static final long RETRY_MS = 200;
  private static final int ATTEMPTS = 600;

  static Future<Attached> connectOnceServed(EventBus bus, NetworkRequests.Connect connect) {
    return connect(bus, connect, ATTEMPTS);
  }

  private static Future<Attached> connect(EventBus bus, NetworkRequests.Connect connect, int attemptsLeft) {
    return Bus.request(bus, Addresses.NETWORK_CONNECT, connect, Attached.class).recover(t -> {
      WharfException w = WharfException.of(t);
      if (attemptsLeft <= 1 || w.category() != ErrorCategory.UNAVAILABLE) {
        return Future.failedFuture(t);
      }
      Vertx vertx = Vertx.currentContext().owner();
      return vertx.timer(RETRY_MS).compose(x -> connect(bus, connect, attemptsLeft - 1));
    });
  }
}
