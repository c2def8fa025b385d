package io.wharf.gateway.container;

import io.vertx.core.Future;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;

/**
 * Turns "no service answers wharf.v1.node..." (nobody listens on the container's node address:
 * the node left the cluster or its agent is down) into a message naming the container and its
 * node. Other failures pass through unchanged. Status stays 503.
 */
final class NodeUnreachable {
  private static final String NO_HANDLER = "no service answers ";

  private NodeUnreachable() {
  }

  static <T> Future<T> explain(Future<T> request, ContainerSummary c) {
    return request.recover(t -> Future.failedFuture(explain(t, c.id(), c.nodeId())));
  }

  static Throwable explain(Throwable t, String containerId, String nodeId) {
    if (t instanceof WharfException w && w.category() == ErrorCategory.UNAVAILABLE
        && w.getMessage() != null && w.getMessage().startsWith(NO_HANDLER)) {
      return new WharfException(ErrorCategory.UNAVAILABLE,
          "container " + containerId + " is on node " + nodeId + ", which is not reachable", t);
    }
    return t;
  }
}
