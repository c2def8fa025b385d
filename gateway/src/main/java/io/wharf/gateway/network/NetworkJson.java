package io.wharf.gateway.network;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests.Create;
import io.wharf.api.network.NetworkRequests.Details;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's network JSON: the create body in, the inspect/list shape out (see captures 34-40b). */
public final class NetworkJson {
  private NetworkJson() {}

  /** {@code POST /networks/create} body to a request; bad shapes are INVALID_ARGUMENT. */
  public static Create createRequest(JsonObject body) {
    String name = body.getString("Name");
    if (name == null || name.isEmpty()) {
      throw WharfException.invalid("network name is required");
    }
    if (Boolean.TRUE.equals(body.getBoolean("EnableIPv6"))) {
      throw WharfException.invalid("IPv6 networks are not supported");
    }
    List<IpamPool> pools = new ArrayList<>();
    JsonObject ipam = body.getJsonObject("IPAM");
    if (ipam != null) {
      String driver = ipam.getString("Driver");
      if (driver != null && !driver.isEmpty() && !driver.equals("default")) {
        throw WharfException.notFound("IPAM driver \"" + driver + "\" not found");
      }
      JsonArray config = ipam.getJsonArray("Config");
      if (config != null) {
        for (int i = 0; i < config.size(); i++) {
          pools.add(pool(config.getJsonObject(i)));
        }
      }
    }
    return new Create(name, body.getString("Driver"), body.getBoolean("Internal", false),
        body.getBoolean("Attachable", false), strings(body.getJsonObject("Labels")),
        strings(body.getJsonObject("Options")), pools);
  }

  private static IpamPool pool(JsonObject c) {
    if (c.getString("Subnet") == null && (c.getString("Gateway") != null || c.getString("IPRange") != null)) {
      throw WharfException.invalid("a gateway or ip-range needs a subnet");
    }
    return new IpamPool(c.getString("Subnet"), c.getString("Gateway"), c.getString("IPRange"),
        strings(c.getJsonObject("AuxiliaryAddresses")));
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }

  /** The inspect shape; {@code withContainers} false gives the list entry (Containers {}). */
  public static JsonObject network(Details d, boolean withContainers) {
    NetworkRecord n = d.network();
    JsonArray config = new JsonArray();
    for (IpamPool p : n.pools()) {
      JsonObject c = new JsonObject().put("Subnet", p.subnet()).put("Gateway", p.gateway());
      if (p.ipRange() != null) {
        c.put("IPRange", p.ipRange());
      }
      if (!p.auxAddresses().isEmpty()) {
        c.put("AuxiliaryAddresses", new JsonObject(new LinkedHashMap<>(p.auxAddresses())));
      }
      config.add(c);
    }
    JsonObject containers = new JsonObject();
    if (withContainers) {
      d.endpoints().forEach(e -> containers.put(e.containerId(), endpoint(e)));
    }
    return new JsonObject()
        .put("Name", n.name()).put("Id", n.id()).put("Created", n.created())
        .put("Scope", "local").put("Driver", n.driver()).put("EnableIPv6", false)
        .put("IPAM", new JsonObject().put("Driver", "default").put("Options", new JsonObject()).put("Config", config))
        .put("Internal", n.internal()).put("Attachable", n.attachable()).put("Ingress", false)
        .put("ConfigFrom", new JsonObject().put("Network", "")).put("ConfigOnly", false)
        .put("Containers", containers)
        .put("Options", new JsonObject(new LinkedHashMap<>(n.options())))
        .put("Labels", new JsonObject(new LinkedHashMap<>(n.labels())));
  }

  private static JsonObject endpoint(Endpoint e) {
    return new JsonObject().put("Name", e.containerName()).put("EndpointID", e.endpointId())
        .put("MacAddress", e.mac()).put("IPv4Address", e.ipv4() + "/" + e.prefixLength())
        .put("IPv6Address", "");
  }
}
