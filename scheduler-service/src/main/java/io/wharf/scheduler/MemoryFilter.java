package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.Optional;

/**
 * Rejects nodes whose total memory is below the request. The memory already taken by placed
 * containers is not known yet, so this only catches requests no amount of waiting would satisfy.
 * A request of 0 (unknown) or a node reporting 0 (unknown) always passes.
 */
public final class MemoryFilter implements NodeFilter {
  static final String REASON = "insufficient memory";

  @Override
  public Optional<String> reject(NodeRecord node, Placement.Request request, ClusterSnapshot snapshot) {
    if (request.memory() <= 0 || node.memTotal() <= 0) {
      return Optional.empty();
    }
    return node.memTotal() < request.memory() ? Optional.of(REASON) : Optional.empty();
  }
}
