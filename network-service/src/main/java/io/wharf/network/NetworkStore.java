package io.wharf.network;

import io.vertx.core.Future;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import java.util.List;

/**
 * Typed access to the four network cluster maps. Values are JSON strings (see {@link ClusterMaps});
 * every method is a single map operation, so callers compose them and own the ordering.
 */
public final class NetworkStore {
  private final SharedData data;
  /** The durable copy written through on every change; null keeps the maps only (tests). */
  private final NetworkDisk disk;

  public NetworkStore(SharedData data) {
    this(data, null);
  }

  public NetworkStore(SharedData data, NetworkDisk disk) {
    this.data = data;
    this.disk = disk;
  }

  private Future<Void> durably(Future<Void> mapChange, java.util.function.Supplier<Future<Void>> diskChange) {
    return disk == null ? mapChange : mapChange.compose(v -> diskChange.get());
  }

  private Future<AsyncMap<String, String>> map(String name) {
    return data.getAsyncMap(name);
  }

  public Future<List<NetworkRecord>> all() {
    return map(ClusterMaps.NETWORKS).compose(AsyncMap::values)
        .map(vs -> vs.stream().map(v -> Json.read(v, NetworkRecord.class)).toList());
  }

  public Future<NetworkRecord> byId(String id) {
    return map(ClusterMaps.NETWORKS).compose(m -> m.get(id))
        .map(v -> v == null ? null : Json.read(v, NetworkRecord.class));
  }

  public Future<Void> put(NetworkRecord n) {
    return durably(map(ClusterMaps.NETWORKS).compose(m -> m.put(n.id(), Json.string(n))),
        () -> disk.saveNetwork(n));
  }

  public Future<Void> delete(NetworkRecord n) {
    return durably(map(ClusterMaps.NETWORKS).compose(m -> m.remove(n.id()))
        .compose(v -> map(ClusterMaps.NETWORK_NAMES)).compose(m -> m.removeIfPresent(n.name(), n.id()))
        .compose(v -> releaseAll(n.id())), () -> disk.deleteNetwork(n.id()));
  }

  public Future<String> idOfName(String name) {
    return map(ClusterMaps.NETWORK_NAMES).compose(m -> m.get(name));
  }

  /** Reserves a name; the result is the id that already holds it, or null when it was free. */
  public Future<String> reserveName(String name, String id) {
    return map(ClusterMaps.NETWORK_NAMES).compose(m -> m.putIfAbsent(name, id));
  }

  /** Takes an address for {@code owner}; true when it was free. */
  public Future<Boolean> takeAddress(String networkId, String ip, String owner) {
    return map(ClusterMaps.NETWORK_ADDRESSES).compose(m -> m.putIfAbsent(networkId + "/" + ip, owner))
        .map(prev -> prev == null);
  }

  public Future<Void> releaseAddress(String networkId, String ip) {
    return map(ClusterMaps.NETWORK_ADDRESSES).compose(m -> m.remove(networkId + "/" + ip)).mapEmpty();
  }

  private Future<Void> releaseAll(String networkId) {
    return map(ClusterMaps.NETWORK_ADDRESSES).compose(m -> m.keys().compose(keys -> Future.all(
        keys.stream().filter(k -> k.startsWith(networkId + "/")).map(m::remove).toList()))).mapEmpty();
  }

  public Future<List<Endpoint>> endpoints() {
    return map(ClusterMaps.NETWORK_ENDPOINTS).compose(AsyncMap::values)
        .map(vs -> vs.stream().map(v -> Json.read(v, Endpoint.class)).toList());
  }

  /** Stores an endpoint unless the container is already attached; true when stored. */
  public Future<Boolean> putEndpoint(Endpoint e) {
    return map(ClusterMaps.NETWORK_ENDPOINTS)
        .compose(m -> m.putIfAbsent(e.networkId() + "/" + e.containerId(), Json.string(e)))
        .compose(prev -> prev != null ? Future.succeededFuture(false)
            : durably(Future.succeededFuture(), () -> disk.saveEndpoint(e)).map(true));
  }

  public Future<Endpoint> endpoint(String networkId, String containerId) {
    return map(ClusterMaps.NETWORK_ENDPOINTS).compose(m -> m.get(networkId + "/" + containerId))
        .map(v -> v == null ? null : Json.read(v, Endpoint.class));
  }

  public Future<Endpoint> removeEndpoint(String networkId, String containerId) {
    return map(ClusterMaps.NETWORK_ENDPOINTS).compose(m -> m.remove(networkId + "/" + containerId))
        .compose(v -> durably(Future.succeededFuture(), () -> disk.deleteEndpoint(networkId, containerId))
            .map(x -> v == null ? null : Json.read(v, Endpoint.class)));
  }
}
