package io.wharf.api.network;

import java.util.List;

/**
 * A container's attachment to a network, stored in {@link io.wharf.api.ClusterMaps#NETWORK_ENDPOINTS}
 * under {@code <networkId>/<containerId>}.
 *
 * @param ipv4 the container's address without prefix length, e.g. {@code 172.18.0.2}
 * @param prefixLength the subnet's prefix length, for {@code IPv4Address} ({@code 172.18.0.2/16})
 * @param mac derived from the address the way Docker does ({@code 02:42:} + the four bytes)
 */
public record Endpoint(String endpointId, String networkId, String containerId, String containerName,
    String ipv4, int prefixLength, String gateway, String mac, List<String> aliases) {
  public Endpoint {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }
}
