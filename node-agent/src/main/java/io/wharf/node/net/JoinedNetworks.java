package io.wharf.node.net;

import io.wharf.api.network.NetworkRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The networks each running container's links joined on this node, and Docker's "network
 * connect/disconnect" events for them: connect when a link is up (at start, or a live connect),
 * disconnect when it goes (at stop, or a live disconnect), once each. Thread-safe.
 */
final class JoinedNetworks {
  private final Map<String, List<NetworkRecord>> byContainer = new ConcurrentHashMap<>();
  private volatile NetworkEvents events = NetworkEvents.NONE;

  void publishTo(NetworkEvents sink) {
    this.events = sink;
  }

  /** The links of a start (or a live connect) are up: one connect event per network. */
  void joined(String containerId, List<NetworkRecord> networks) {
    byContainer.computeIfAbsent(containerId, k -> new CopyOnWriteArrayList<>()).addAll(networks);
    networks.forEach(n -> events.event("connect", n, containerId));
  }

  /** Adoption after a restart: the links were joined before (no event), a later stop sends theirs. */
  void rejoined(String containerId, List<NetworkRecord> networks) {
    byContainer.put(containerId, new CopyOnWriteArrayList<>(networks));
  }

  /** A live disconnect: the event, if the container had joined that network here. */
  void left(String containerId, NetworkRecord network) {
    List<NetworkRecord> nets = byContainer.get(containerId);
    if (nets != null && nets.removeIf(n -> n.id().equals(network.id()))) {
      events.event("disconnect", network, containerId);
    }
  }

  /** The container stopped: a disconnect event for every network it had joined. */
  void leftAll(String containerId) {
    List<NetworkRecord> nets = byContainer.remove(containerId);
    if (nets != null) {
      nets.forEach(n -> events.event("disconnect", n, containerId));
    }
  }
}
