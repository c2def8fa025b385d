package io.wharf.network;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * Typed access to the four network cluster maps. Values are JSON strings (see {@link ClusterMaps});
 * every method is a single map operation, so callers compose them and own the ordering.
 * With {@link NetworkFiles}, every network and endpoint this member changes is also written to
 * disk (on a worker, in order); a failed write fails the operation and leaves the map as it was:
 * records are written before they enter the map and deleted from disk before they leave it.
 */
public final class NetworkStore {
  private final SharedData data;
  private final Vertx vertx;
  private final NetworkFiles files;

  /** Maps only: nothing survives the cluster (tests, members without a data root). */
  public NetworkStore(SharedData data) {
    this.data = data;
    this.vertx = null;
    this.files = null;
  }

  /** Maps plus their durable copy in {@code files}. */
  public NetworkStore(Vertx vertx, NetworkFiles files) {
    this.data = vertx.sharedData();
    this.vertx = vertx;
    this.files = files;
  }

  /** Runs a file write on a worker (ordered); nothing to do without files. */
  private Future<Void> onDisk(Consumer<NetworkFiles> write) {
    if (files == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      write.accept(files);
      return null;
    }, true);
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

  /** Saves the record, then puts it in the map (its name must be reserved by the caller). */
  public Future<Void> put(NetworkRecord n) {
    return onDisk(f -> f.saveNetwork(n))
        .compose(v -> map(ClusterMaps.NETWORKS)).compose(m -> m.put(n.id(), Json.string(n)));
  }

  /** A record loaded from disk enters the map unless the cluster has it already; nothing is written. */
  public Future<Void> restore(NetworkRecord n) {
    return map(ClusterMaps.NETWORKS).compose(m -> m.putIfAbsent(n.id(), Json.string(n))).mapEmpty();
  }

  /** Deletes the files first, so that a record still in the map always has its file. */
  public Future<Void> delete(NetworkRecord n) {
    return onDisk(f -> f.deleteNetwork(n.id()))
        .compose(v -> map(ClusterMaps.NETWORKS)).compose(m -> m.remove(n.id()))
        .compose(v -> map(ClusterMaps.NETWORK_NAMES)).compose(m -> m.removeIfPresent(n.name(), n.id()))
        .compose(v -> releaseAll(n.id()));
  }

  public Future<String> idOfName(String name) {
    return map(ClusterMaps.NETWORK_NAMES).compose(m -> m.get(name));
  }

  /** Reserves a name; the result is the id that already holds it, or null when it was free. */
  public Future<String> reserveName(String name, String id) {
    return map(ClusterMaps.NETWORK_NAMES).compose(m -> m.putIfAbsent(name, id));
  }

  /** Gives a reserved name back (a create that failed after reserving it). */
  public Future<Void> releaseName(String name, String id) {
    return map(ClusterMaps.NETWORK_NAMES).compose(m -> m.removeIfPresent(name, id)).mapEmpty();
  }

  /** Takes an address for {@code owner}; true when it was free. */
  public Future<Boolean> takeAddress(String networkId, String ip, String owner) {
    return claimAddress(networkId, ip, owner).map(prev -> prev == null);
  }

  /** Takes an address for {@code owner}; the result is its previous owner, null when it was free. */
  public Future<String> claimAddress(String networkId, String ip, String owner) {
    return map(ClusterMaps.NETWORK_ADDRESSES).compose(m -> m.putIfAbsent(networkId + "/" + ip, owner));
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

  /**
   * Stores an endpoint unless the container is already attached; true when stored. The map entry
   * decides the race, then the file is written; a failed write takes the entry back out.
   */
  public Future<Boolean> putEndpoint(Endpoint e) {
    String key = e.networkId() + "/" + e.containerId();
    return map(ClusterMaps.NETWORK_ENDPOINTS).compose(m -> m.putIfAbsent(key, Json.string(e))
        .compose(prev -> prev != null ? Future.succeededFuture(false)
            : onDisk(f -> f.saveEndpoint(e)).map(true)
                .recover(t -> m.removeIfPresent(key, Json.string(e)).compose(x -> Future.failedFuture(t)))));
  }

  /** Replaces a stored endpoint (same network and container), file first, then the map entry. */
  public Future<Void> replaceEndpoint(Endpoint e) {
    return onDisk(f -> f.saveEndpoint(e)).compose(v -> map(ClusterMaps.NETWORK_ENDPOINTS))
        .compose(m -> m.replace(e.networkId() + "/" + e.containerId(), Json.string(e))).mapEmpty();
  }

  /** An endpoint loaded from disk: true when it entered the map (nothing is written). */
  public Future<Boolean> restoreEndpoint(Endpoint e) {
    return map(ClusterMaps.NETWORK_ENDPOINTS)
        .compose(m -> m.putIfAbsent(e.networkId() + "/" + e.containerId(), Json.string(e)))
        .map(prev -> prev == null);
  }

  public Future<Endpoint> endpoint(String networkId, String containerId) {
    return map(ClusterMaps.NETWORK_ENDPOINTS).compose(m -> m.get(networkId + "/" + containerId))
        .map(v -> v == null ? null : Json.read(v, Endpoint.class));
  }

  /** Deletes the endpoint's file, then its entry; the result is the removed endpoint or null. */
  public Future<Endpoint> removeEndpoint(String networkId, String containerId) {
    return onDisk(f -> f.deleteEndpoint(networkId, containerId))
        .compose(v -> map(ClusterMaps.NETWORK_ENDPOINTS)).compose(m -> m.remove(networkId + "/" + containerId))
        .map(v -> v == null ? null : Json.read(v, Endpoint.class));
  }
}
