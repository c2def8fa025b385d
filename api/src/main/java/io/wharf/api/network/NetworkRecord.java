package io.wharf.api.network;

import java.util.List;
import java.util.Map;

/**
 * One network as the network-service stores it in {@link io.wharf.api.ClusterMaps#NETWORKS}.
 *
 * @param id 64 hex characters
 * @param driver {@code bridge}, {@code host} or {@code null} (Docker's name for "none")
 * @param created RFC 3339 with nanoseconds, as Docker prints it
 * @param pools the IPAM configuration; empty for host and none
 */
public record NetworkRecord(String id, String name, String driver, String created, boolean internal,
    boolean attachable, Map<String, String> labels, Map<String, String> options, List<IpamPool> pools) {

  public NetworkRecord {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
    pools = pools == null ? List.of() : List.copyOf(pools);
  }

  /** True for {@code bridge}, {@code host} and {@code none}, which cannot be removed. */
  public boolean predefined() {
    return BuiltinNetworks.NAMES.contains(name);
  }
}
