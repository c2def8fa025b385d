package io.wharf.gateway.network;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills {@code NetworkSettings} of a container's inspect JSON from the network cluster maps:
 * one {@code Networks} entry per endpoint, and the top-level IPAddress/Gateway/MacAddress from
 * the default bridge's endpoint, as Docker does. A failure leaves the JSON as it was.
 */
public final class NetworkSettingsFiller {
  private final SharedData data;

  public NetworkSettingsFiller(SharedData data) {
    this.data = data;
  }

  public Future<JsonObject> fill(JsonObject inspect) {
    String id = inspect.getString("Id");
    return values(ClusterMaps.NETWORK_ENDPOINTS).compose(eps -> values(ClusterMaps.NETWORKS).map(nets -> {
      Map<String, String> names = nets.stream().map(v -> Json.read(v, NetworkRecord.class))
          .collect(Collectors.toMap(NetworkRecord::id, NetworkRecord::name, (a, b) -> a));
      List<Endpoint> mine = eps.stream().map(v -> Json.read(v, Endpoint.class))
          .filter(e -> e.containerId().equals(id)).toList();
      apply(inspect, mine, names);
      return inspect;
    })).otherwise(inspect);
  }

  private Future<List<String>> values(String map) {
    return data.<String, String>getAsyncMap(map).compose(AsyncMap::values);
  }

  static void apply(JsonObject inspect, List<Endpoint> endpoints, Map<String, String> networkNames) {
    JsonObject settings = inspect.getJsonObject("NetworkSettings");
    if (settings == null) {
      return;
    }
    JsonObject networks = new JsonObject();
    for (Endpoint e : endpoints) {
      String name = networkNames.getOrDefault(e.networkId(), e.networkId());
      networks.put(name, new JsonObject()
          .put("IPAMConfig", null).put("Links", null)
          .put("Aliases", e.aliases().isEmpty() ? null : new JsonArray(new ArrayList<>(e.aliases())))
          .put("MacAddress", e.mac()).put("NetworkID", e.networkId()).put("EndpointID", e.endpointId())
          .put("Gateway", e.gateway()).put("IPAddress", e.ipv4()).put("IPPrefixLen", e.prefixLength())
          .put("IPv6Gateway", "").put("GlobalIPv6Address", "").put("GlobalIPv6PrefixLen", 0)
          .put("DriverOpts", null));
      if (name.equals(BuiltinNetworks.BRIDGE)) {
        settings.put("Gateway", e.gateway()).put("IPAddress", e.ipv4()).put("IPPrefixLen", e.prefixLength())
            .put("MacAddress", e.mac()).put("EndpointID", e.endpointId());
      }
    }
    settings.put("Networks", networks);
  }
}
