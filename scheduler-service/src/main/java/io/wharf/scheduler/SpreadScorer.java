package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;

/** Spread: a node with fewer containers is better, so work lands evenly across the cluster. */
public final class SpreadScorer implements NodeScorer {

  @Override
  public double score(NodeRecord node, Placement.Request request, ClusterSnapshot snapshot) {
    return -snapshot.containersOn(node.nodeId());
  }
}
