package io.wharf.node.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.node.NodeRecord;
import java.util.Map;

/**
 * This node's part of the cluster-wide state: its container summaries, the names they hold, its node
 * record, and the events it publishes. Every write here is owned by this node; other members only
 * read. Runs on the event loop (all calls are asynchronous).
 */
public final class ClusterView {
  private final Vertx vertx;
  private final String nodeId;

  public ClusterView(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  private Future<AsyncMap<String, String>> map(String name) {
    return vertx.sharedData().getAsyncMap(name);
  }

  /**
   * Reserves {@code name} for container {@code id} cluster-wide. Fails with Docker's conflict message
   * when another container holds it.
   */
  public Future<Void> reserveName(String name, String id) {
    return map(ClusterMaps.CONTAINER_NAMES)
        .compose(m -> m.putIfAbsent(name, id))
        .compose(previous -> previous == null || previous.equals(id)
            ? Future.succeededFuture()
            : Future.failedFuture(WharfException.conflict("Conflict. The container name \"/" + name
                + "\" is already in use by container \"" + previous
                + "\". You have to remove (or rename) that container to be able to reuse that name.")));
  }

  /** Frees {@code name} if {@code id} still holds it. */
  public Future<Void> releaseName(String name, String id) {
    return map(ClusterMaps.CONTAINER_NAMES).compose(m -> m.removeIfPresent(name, id)).mapEmpty();
  }

  public Future<Void> publish(ContainerSummary summary) {
    return map(ClusterMaps.CONTAINERS).compose(m -> m.put(summary.id(), Json.string(summary)));
  }

  public Future<Void> forget(String id) {
    return map(ClusterMaps.CONTAINERS).compose(m -> m.remove(id)).mapEmpty();
  }

  public Future<Void> register(NodeRecord record) {
    return map(ClusterMaps.NODES).compose(m -> m.put(record.nodeId(), Json.string(record)));
  }

  /** The cluster token every internal HTTP request must carry; the first member to ask creates it. */
  public Future<String> clusterToken() {
    String fresh = io.wharf.node.NameGenerator.newId();
    return map(ClusterMaps.CLUSTER)
        .compose(m -> m.putIfAbsent(ClusterMaps.ClusterKeys.TOKEN, fresh))
        .map(previous -> previous == null ? fresh : previous);
  }

  public Future<String> registryUrl() {
    return map(ClusterMaps.CLUSTER).compose(m -> m.get(ClusterMaps.ClusterKeys.REGISTRY_URL))
        .compose(url -> url != null ? Future.succeededFuture(url)
            : Future.failedFuture(new WharfException(io.wharf.api.ErrorCategory.UNAVAILABLE,
                "no image registry service is running in the cluster")));
  }

  public void event(String type, String action, String actorId, Map<String, String> attributes) {
    java.time.Instant t = java.time.Instant.now();
    long now = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    Bus.publish(vertx.eventBus(), Addresses.EVENTS,
        new WharfEvent(type, action, actorId, attributes, now, nodeId));
  }
}
