package io.wharf.gateway.network;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.container.PublishedPorts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows the ports the nodes really publish ({@link ClusterMaps#PUBLISHED_PORTS}): inspect's
 * {@code NetworkSettings.Ports} (what {@code docker port} reads) and the {@code Ports} array of
 * {@code docker ps}. A container that publishes nothing shows its exposed ports unbound when it
 * runs, as Docker does. A failure leaves the JSON as it was.
 */
public final class PublishedPortsView {
  private final SharedData data;

  public PublishedPortsView(SharedData data) {
    this.data = data;
  }

  public Future<JsonObject> fillInspect(JsonObject inspect) {
    JsonObject node = inspect.getJsonObject("Node");
    String nodeId = node == null ? null : node.getString("ID");
    if (nodeId == null) {
      return Future.succeededFuture(inspect);
    }
    return map().compose(m -> m.get(PublishedPorts.key(nodeId, inspect.getString("Id"))))
        .map(v -> {
          applyInspect(inspect, v == null ? null : Json.read(v, PublishedPorts.class));
          return inspect;
        }).otherwise(inspect);
  }

  public Future<JsonArray> fillList(JsonArray entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture(entries);
    }
    return map().compose(AsyncMap::values).map(values -> {
      Map<String, PublishedPorts> byId = new HashMap<>();
      values.forEach(v -> {
        PublishedPorts p = Json.read(v, PublishedPorts.class);
        byId.put(p.containerId(), p);
      });
      for (Object e : entries) {
        JsonObject entry = (JsonObject) e;
        PublishedPorts p = byId.get(entry.getString("Id"));
        if (p != null) {
          entry.put("Ports", listPorts(p));
        }
      }
      return entries;
    }).otherwise(entries);
  }

  private Future<AsyncMap<String, String>> map() {
    return data.getAsyncMap(ClusterMaps.PUBLISHED_PORTS);
  }

  /** {@code {"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}],"81/tcp":null}}; {} when not published. */
  static void applyInspect(JsonObject inspect, PublishedPorts p) {
    JsonObject settings = inspect.getJsonObject("NetworkSettings");
    if (settings == null || p == null) {
      return;
    }
    JsonObject ports = new JsonObject();
    p.exposed().forEach(port -> ports.put(port, null));
    for (PublishedPorts.Published b : p.ports()) {
      JsonArray list = ports.getJsonArray(b.port());
      if (list == null) {
        list = new JsonArray();
        ports.put(b.port(), list);
      }
      list.add(new JsonObject().put("HostIp", b.hostIp()).put("HostPort", Integer.toString(b.hostPort())));
    }
    settings.put("Ports", ports);
  }

  /** ps entries: {@code {"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}}, unbound ones without IP. */
  static JsonArray listPorts(PublishedPorts p) {
    JsonArray out = new JsonArray();
    List<String> bound = p.ports().stream().map(PublishedPorts.Published::port).toList();
    for (PublishedPorts.Published b : p.ports()) {
      out.add(new JsonObject().put("IP", b.hostIp()).put("PrivatePort", b.containerPort())
          .put("PublicPort", b.hostPort()).put("Type", b.protocol()));
    }
    for (String port : p.exposed()) {
      if (!bound.contains(port)) {
        String[] parts = port.split("/");
        out.add(new JsonObject().put("PrivatePort", Integer.parseInt(parts[0])).put("Type", parts[1]));
      }
    }
    return out;
  }
}
