package io.wharf.scheduler;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one run of the {@link PlacementPipeline}, as data: the chosen node, or none, and
 * why every other node was rejected.
 *
 * @param nodeId the chosen node, or null when no node is feasible
 * @param nodeCount how many nodes the snapshot held
 * @param rejections reason -> number of nodes rejected for it, in filter order
 * @param scores combined normalized score of each feasible node
 */
public record PlacementPlan(String nodeId, int nodeCount, Map<String, Integer> rejections,
    Map<String, Double> scores) {

  public PlacementPlan {
    rejections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejections));
    scores = Map.copyOf(scores);
  }

  public boolean placed() {
    return nodeId != null;
  }

  /** E.g. {@code no suitable node (2 nodes: 1 not alive, 1 insufficient memory)}. */
  public String rejectionMessage() {
    if (nodeCount == 0) {
      return "no suitable node (no node has registered)";
    }
    String reasons = rejections.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
    return "no suitable node (" + nodeCount + (nodeCount == 1 ? " node: " : " nodes: ") + reasons + ")";
  }
}
