package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of the cluster at one instant: everything a placement decision reads. Built by
 * {@link SnapshotReader} from the cluster maps, or directly by tests.
 *
 * @param nodes every registered node, alive or not, in no particular order
 * @param containersPerNode node id -> number of containers the node owns (any state); absent = 0
 * @param nowMillis the wall-clock time the snapshot stands for (heartbeat ages are measured from it)
 */
public record ClusterSnapshot(List<NodeRecord> nodes, Map<String, Integer> containersPerNode,
    long nowMillis) {

  public ClusterSnapshot {
    nodes = List.copyOf(nodes);
    containersPerNode = Map.copyOf(containersPerNode);
  }

  public int containersOn(String nodeId) {
    return containersPerNode.getOrDefault(nodeId, 0);
  }
}
