package io.wharf.api.network;

import java.util.List;
import java.util.Map;

/** Request and reply bodies of the network operations in {@link io.wharf.api.Addresses}. */
public final class NetworkRequests {
  private NetworkRequests() {}

  /**
   * NETWORK_CREATE. {@code pools} as the client asked (subnet may be null: one is picked);
   * driver null means bridge.
   */
  public record Create(String name, String driver, boolean internal, boolean attachable,
      Map<String, String> labels, Map<String, String> options, List<IpamPool> pools) {}

  /** Reply of NETWORK_CREATE. */
  public record Created(String id, String warning) {}

  /** NETWORK_INSPECT and NETWORK_REMOVE: a name, a full id or a unique id prefix. */
  public record Ref(String network) {}

  /** NETWORK_LIST and NETWORK_PRUNE: Docker's filter keys to values. */
  public record Filtered(Map<String, List<String>> filters) {}

  /** A network with its endpoints: the reply of NETWORK_INSPECT, and the items of NETWORK_LIST. */
  public record Details(NetworkRecord network, List<Endpoint> endpoints) {}

  /** Reply of NETWORK_LIST. */
  public record Listing(List<Details> networks) {}

  /** Reply of NETWORK_PRUNE: names of the removed networks. */
  public record Pruned(List<String> names) {}

  /**
   * NETWORK_CONNECT: attach a container (already resolved by the caller) to a network.
   * {@code ipv4} null means "pick one"; aliases are the container's extra DNS names there.
   * {@code reuseExisting}: the node agent (re)starting a container gets its existing endpoint
   * back; a user's connect to a network the container is already on is refused instead.
   * {@code mac} null means Docker's address-derived MAC; else the user's {@code --mac-address}.
   */
  public record Connect(String network, String containerId, String containerName, String ipv4,
      List<String> aliases, boolean reuseExisting, String mac) {
    public Connect(String network, String containerId, String containerName, String ipv4,
        List<String> aliases, boolean reuseExisting) {
      this(network, containerId, containerName, ipv4, aliases, reuseExisting, null);
    }
  }

  /** NETWORK_DISCONNECT. */
  public record Disconnect(String network, String containerId, boolean force) {}

  /**
   * NETWORK_RENAME: every endpoint of the container takes {@code containerName}, as Docker renames
   * its endpoints, so that the embedded DNS answers the new name and no longer the old one. The
   * reply is the count of endpoints renamed (0 for a container on no network).
   */
  public record Rename(String containerId, String containerName) {}

  /** Reply of NETWORK_RENAME. */
  public record Renamed(int endpoints) {}

  /**
   * Reply of NETWORK_CONNECT: the endpoint made (or the existing one when {@code Connect} is
   * repeated for the same container by its node); of NETWORK_DISCONNECT: the one removed. The
   * network comes along so that the node agent can plan the link without another request.
   */
  public record Attached(Endpoint endpoint, NetworkRecord network) {}
}
