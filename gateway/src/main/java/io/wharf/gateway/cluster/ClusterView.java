package io.wharf.gateway.cluster;

import io.vertx.core.Future;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import java.util.List;

/**
 * The gateway's read-only view of the cluster maps ({@link io.wharf.api.ClusterMaps}): the
 * containers every node publishes, the node records, and cluster settings. The gateway keeps no
 * state of its own; every call reads the maps afresh.
 */
public interface ClusterView {
  /** All containers of the cluster, in no particular order. */
  Future<List<ContainerSummary>> containers();

  /** All registered nodes. */
  Future<List<NodeRecord>> nodes();

  /** One node; NOT_FOUND when it is not (or no longer) registered. */
  Future<NodeRecord> node(String nodeId);

  /** A value of the cluster settings map, or null when unset. */
  Future<String> setting(String key);

  /** The node a named volume lives on, or null when no volume has that name (yet). */
  default Future<String> volumeNode(String name) {
    return Future.succeededFuture(null);
  }
}
