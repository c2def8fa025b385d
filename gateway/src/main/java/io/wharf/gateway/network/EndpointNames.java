package io.wharf.gateway.network;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.NetworkRequests;

/**
 * After {@code docker rename} the container's endpoints take its new name, as Docker renames them:
 * the embedded DNS then answers the new name (not the old one) and network inspect shows it. A
 * cluster without a network-service has no endpoints, so nothing is to be done there.
 */
public final class EndpointNames {
  private EndpointNames() {}

  public static Future<Void> follow(EventBus bus, String containerId, String newName) {
    return Bus.request(bus, Addresses.NETWORK_RENAME, new NetworkRequests.Rename(containerId, newName),
        NetworkRequests.Renamed.class).<Void>mapEmpty()
        .recover(t -> noNetworkService(t) ? Future.succeededFuture() : Future.failedFuture(t));
  }

  private static boolean noNetworkService(Throwable t) {
    WharfException w = WharfException.of(t);
    return w.category() == ErrorCategory.UNAVAILABLE && w.getMessage().startsWith("no service answers");
  }
}
