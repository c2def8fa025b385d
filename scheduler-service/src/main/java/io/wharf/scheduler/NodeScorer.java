package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;

/**
 * Ranks a feasible node: higher raw scores are better. Raw scores are on any scale; the pipeline
 * normalizes each scorer's scores over the candidates to [0, 1] before weighting and summing them.
 */
public interface NodeScorer {

  double score(NodeRecord node, Placement.Request request, ClusterSnapshot snapshot);

  /** Relative weight of this scorer in the combined score. */
  default double weight() {
    return 1.0;
  }
}
