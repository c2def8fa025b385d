package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.Optional;

/**
 * A feasibility check: may this node take this request at all? Filters are pure and run cheapest
 * first; the first one that rejects a node decides the reason counted for it.
 */
public interface NodeFilter {

  /**
   * @return empty when the node is feasible, otherwise a short reason phrase that reads well
   *     after a count, e.g. "not alive" in "2 not alive"
   */
  Optional<String> reject(NodeRecord node, Placement.Request request, ClusterSnapshot snapshot);
}
