package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.Map;
import java.util.Optional;

/**
 * Rejects nodes that do not match every constraint of the request. Keys, Docker swarm style:
 * {@code node.name} and {@code node.id} match the node's name and id, {@code node.labels.KEY} and
 * a bare {@code KEY} match the node label KEY. Values compare exactly.
 */
public final class ConstraintFilter implements NodeFilter {
  static final String REASON = "constraints not met";
  private static final String LABEL_PREFIX = "node.labels.";

  @Override
  public Optional<String> reject(NodeRecord node, Placement.Request request, ClusterSnapshot snapshot) {
    Map<String, String> constraints = request.constraints();
    if (constraints == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> c : constraints.entrySet()) {
      if (!matches(node, c.getKey(), c.getValue())) {
        return Optional.of(REASON);
      }
    }
    return Optional.empty();
  }

  static boolean matches(NodeRecord node, String key, String expected) {
    String actual = switch (key) {
      case "node.name" -> node.name();
      case "node.id" -> node.nodeId();
      default -> label(node, key.startsWith(LABEL_PREFIX) ? key.substring(LABEL_PREFIX.length()) : key);
    };
    return actual != null && actual.equals(expected);
  }

  private static String label(NodeRecord node, String name) {
    return node.labels() == null ? null : node.labels().get(name);
  }
}
