package io.wharf.scheduler;

import io.wharf.api.WharfException;
import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Placement as a pure function over a {@link ClusterSnapshot}:
 *
 * <pre>
 *   nodes --filters (cheapest first; count the first reason each node fails)--> feasible
 *         --scorers (raw) --normalize each to [0,1] --weighted sum--> combined score
 *         --best score; ties: order by node id hash, take (rotation mod ties)--> node
 * </pre>
 *
 * The caller passes a rotation that changes between requests (a counter), so that a burst of
 * requests arriving before the cluster maps show the previous placements still spreads over
 * equally good nodes. Thread-safe: holds no mutable state.
 */
public final class PlacementPipeline {
  private static final double TIE_EPSILON = 1e-9;

  private final List<NodeFilter> filters;
  private final List<NodeScorer> scorers;

  public PlacementPipeline(List<NodeFilter> filters, List<NodeScorer> scorers) {
    this.filters = List.copyOf(filters);
    this.scorers = List.copyOf(scorers);
  }

  /** Alive, then constraints, then memory; spread. */
  public static PlacementPipeline standard() {
    return new PlacementPipeline(
        List.of(new AliveFilter(), new ConstraintFilter(), new MemoryFilter()),
        List.of(new SpreadScorer()));
  }

  /** Runs the pipeline; never throws for "nothing fits" (see {@link #place}). */
  public PlacementPlan plan(ClusterSnapshot snapshot, Placement.Request request, long rotation) {
    Map<String, Integer> rejections = new LinkedHashMap<>();
    List<NodeRecord> feasible = new ArrayList<>();
    for (NodeRecord node : snapshot.nodes()) {
      Optional<String> reason = firstRejection(node, request, snapshot);
      if (reason.isPresent()) {
        rejections.merge(reason.get(), 1, Integer::sum);
      } else {
        feasible.add(node);
      }
    }
    Map<String, Double> scores = combinedScores(feasible, request, snapshot);
    String chosen = pick(scores, rotation);
    return new PlacementPlan(chosen, snapshot.nodes().size(), rejections, scores);
  }

  /**
   * The chosen node.
   *
   * @throws WharfException FAILED_PRECONDITION naming the rejection counts when no node fits
   */
  public Placement.Decision place(ClusterSnapshot snapshot, Placement.Request request, long rotation) {
    PlacementPlan plan = plan(snapshot, request, rotation);
    if (!plan.placed()) {
      throw WharfException.precondition(plan.rejectionMessage());
    }
    return new Placement.Decision(plan.nodeId());
  }

  private Optional<String> firstRejection(NodeRecord node, Placement.Request request,
      ClusterSnapshot snapshot) {
    for (NodeFilter filter : filters) {
      Optional<String> reason = filter.reject(node, request, snapshot);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  private Map<String, Double> combinedScores(List<NodeRecord> feasible, Placement.Request request,
      ClusterSnapshot snapshot) {
    Map<String, Double> combined = new HashMap<>();
    feasible.forEach(n -> combined.put(n.nodeId(), 0.0));
    for (NodeScorer scorer : scorers) {
      Map<String, Double> raw = new HashMap<>();
      feasible.forEach(n -> raw.put(n.nodeId(), scorer.score(n, request, snapshot)));
      normalize(raw).forEach((id, s) -> combined.merge(id, s * scorer.weight(), Double::sum));
    }
    return combined;
  }

  /** Min-max to [0, 1]; when all scores are equal every node gets 1. */
  static Map<String, Double> normalize(Map<String, Double> raw) {
    double min = raw.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = raw.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<String, Double> out = new HashMap<>();
    raw.forEach((id, s) -> out.put(id, max - min < TIE_EPSILON ? 1.0 : (s - min) / (max - min)));
    return out;
  }

  static String pick(Map<String, Double> scores, long rotation) {
    if (scores.isEmpty()) {
      return null;
    }
    double best = scores.values().stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    List<String> tied = scores.entrySet().stream()
        .filter(e -> best - e.getValue() < TIE_EPSILON)
        .map(Map.Entry::getKey)
        .sorted(Comparator.comparingInt(String::hashCode).thenComparing(Comparator.naturalOrder()))
        .toList();
    return tied.get((int) Math.floorMod(rotation, (long) tied.size()));
  }
}
