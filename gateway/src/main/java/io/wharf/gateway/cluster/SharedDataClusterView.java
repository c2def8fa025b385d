package io.wharf.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterView} over Vert.x shared-data async maps: Hazelcast-backed in a cluster, local in
 * a single JVM (tests fill the same local maps). Entries that fail to decode are skipped and
 * logged: one bad writer must not break {@code docker ps} for everyone.
 */
public final class SharedDataClusterView implements ClusterView {
  private static final Logger LOG = LoggerFactory.getLogger(SharedDataClusterView.class);

  private final Vertx vertx;

  public SharedDataClusterView(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Live containers of nodes whose agent stopped beating are shown as dead ({@link LostNodes}). */
  @Override
  public Future<List<ContainerSummary>> containers() {
    Future<List<ContainerSummary>> containers = values(ClusterMaps.CONTAINERS, ContainerSummary.class);
    Future<List<NodeRecord>> nodes = nodes();
    return Future.all(containers, nodes).map(done -> LostNodes.markLost(containers.result(),
        LostNodes.aliveNodeIds(nodes.result(), System.currentTimeMillis())));
  }

  @Override
  public Future<List<NodeRecord>> nodes() {
    return values(ClusterMaps.NODES, NodeRecord.class);
  }

  @Override
  public Future<NodeRecord> node(String nodeId) {
    return map(ClusterMaps.NODES).compose(m -> m.get(nodeId)).map(json -> {
      if (json == null) {
        throw new WharfException(io.wharf.api.ErrorCategory.UNAVAILABLE, "node " + nodeId + " is not registered");
      }
      return Json.read(json, NodeRecord.class);
    });
  }

  @Override
  public Future<String> setting(String key) {
    return map(ClusterMaps.CLUSTER).compose(m -> m.get(key));
  }

  @Override
  public Future<String> volumeNode(String name) {
    return map(ClusterMaps.VOLUMES).compose(m -> m.get(name))
        .map(json -> json == null ? null : Json.read(json, io.wharf.api.volume.VolumeRecord.class).nodeId());
  }

  private Future<AsyncMap<String, String>> map(String name) {
    return vertx.sharedData().<String, String>getAsyncMap(name);
  }

  private <T> Future<List<T>> values(String mapName, Class<T> type) {
    return map(mapName).compose(AsyncMap::entries).map(entries -> decodeAll(mapName, entries, type));
  }

  private static <T> List<T> decodeAll(String mapName, Map<String, String> entries, Class<T> type) {
    List<T> out = new ArrayList<>(entries.size());
    entries.forEach((key, json) -> {
      try {
        out.add(Json.read(json, type));
      } catch (RuntimeException e) {
        LOG.warn("skipping undecodable entry {} of {}: {}", key, mapName, e.getMessage());
      }
    });
    return out;
  }
}
