package io.wharf.node.net;

import io.wharf.api.network.NetworkRecord;

/**
 * Where the node's "network connect/disconnect" events go: Docker sends them when a container's
 * endpoint joins its sandbox (at start) and leaves it (at stop), with Actor.ID the network id and
 * attributes container, name (the network's) and type (the driver).
 */
@FunctionalInterface
public interface NetworkEvents {
  void event(String action, NetworkRecord network, String containerId);

  NetworkEvents NONE = (action, network, containerId) -> { };
}
