package io.wharf.api.network;

import java.util.Map;

/**
 * One IPAM pool of a network. {@code subnet} and {@code gateway} are always filled in once the
 * network exists; {@code ipRange} (a CIDR inside the subnet, where container addresses come from)
 * may be null; {@code auxAddresses} maps a host name to an address reserved for it.
 */
public record IpamPool(String subnet, String gateway, String ipRange, Map<String, String> auxAddresses) {
  public IpamPool {
    auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
  }
}
