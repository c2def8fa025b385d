package io.wharf.gateway.network;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Addresses.NodeOp;
import io.wharf.api.Bus;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerRequests.Outcome;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the network-service recorded a connect or disconnect, tells the container's node, which
 * links (unlinks) it at once if the container runs; a stopped one gets it at its next start. A
 * connect the node could not apply is undone, so the record never claims a link that is not there.
 */
final class LiveLinks {
  private static final Logger LOG = LoggerFactory.getLogger(LiveLinks.class);
  private final EventBus bus;

  LiveLinks(EventBus bus) {
    this.bus = bus;
  }

  /** Docker's refusals for containers whose network mode has no endpoints of their own. */
  static void requireConnectable(ContainerSummary c) {
    String mode = c.networkMode() == null ? "" : c.networkMode();
    if (mode.startsWith("container:")) {
      throw WharfException.invalid(
          "container sharing network namespace with another container or host cannot be connected to any other network");
    }
    if (mode.equals("host")) {
      throw WharfException.invalid("container cannot be disconnected from host network or connected to host network");
    }
    if (mode.equals("none")) {
      throw WharfException.invalid(
          "container cannot be connected to multiple networks with one of the networks in private (none) mode");
    }
  }

  Future<Void> attach(ContainerSummary c, Attached a) {
    return Bus.request(bus, NodeOp.NETWORK_ATTACH.on(c.nodeId()), a, Outcome.class).<Void>mapEmpty()
        .recover(t -> Bus.request(bus, Addresses.NETWORK_DISCONNECT,
                new NetworkRequests.Disconnect(a.network().id(), c.id(), true), Attached.class)
            .transform(x -> Future.failedFuture(t)));
  }

  /** The record is gone already; a node that cannot unlink only logs (the link goes at the next stop). */
  Future<Void> detach(ContainerSummary c, Attached a) {
    return Bus.request(bus, NodeOp.NETWORK_DETACH.on(c.nodeId()), a, Outcome.class).<Void>mapEmpty()
        .recover(t -> {
          LOG.warn("unlinking {} from {} on its node failed: {}", c.id(), a.network().name(), t.getMessage());
          return Future.succeededFuture();
        });
  }
}
