package io.wharf.node.net;

import io.vertx.core.Future;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests.Attached;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the endpoints recorded for one container (every network it is connected to, by create,
 * {@code docker network connect} or compose) from the network cluster maps, each with its network.
 */
final class ContainerEndpoints {
  private final SharedData data;

  ContainerEndpoints(SharedData data) {
    this.data = data;
  }

  Future<List<Attached>> of(String containerId) {
    return values(ClusterMaps.NETWORK_ENDPOINTS).compose(eps -> values(ClusterMaps.NETWORKS).map(nets -> {
      Map<String, NetworkRecord> byId = nets.stream().map(v -> Json.read(v, NetworkRecord.class))
          .collect(Collectors.toMap(NetworkRecord::id, n -> n, (a, b) -> a));
      List<Attached> out = new ArrayList<>();
      for (String v : eps) {
        Endpoint e = Json.read(v, Endpoint.class);
        NetworkRecord n = byId.get(e.networkId());
        if (e.containerId().equals(containerId) && n != null) {
          out.add(new Attached(e, n));
        }
      }
      return out;
    }));
  }

  private Future<List<String>> values(String map) {
    return data.<String, String>getAsyncMap(map).compose(AsyncMap::values);
  }

  /**
   * The order the container's interfaces are made in: the network of its network mode first
   * (eth0, with the default route), the others by name.
   *
   * @param primary the mode's network: a name, an id or an id prefix; null when none
   */
  static List<Attached> ordered(List<Attached> all, String primary) {
    Comparator<Attached> byPrimary = Comparator.comparing(a -> !isNetwork(a.network(), primary));
    return all.stream().sorted(byPrimary.thenComparing(a -> a.network().name())).toList();
  }

  static boolean isNetwork(NetworkRecord n, String ref) {
    return ref != null && !ref.isEmpty() && (n.name().equals(ref) || n.id().startsWith(ref));
  }
}
