package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import java.util.Map;

/** Test fixtures: node records with just the fields the scheduler reads. */
final class Nodes {
  static final long NOW = 1_000_000_000L;
  static final long GIB = 1L << 30;

  private Nodes() {}

  static NodeRecord node(String id, long memTotal, long heartbeatAgeMillis, Map<String, String> labels) {
    return new NodeRecord(id, id, "http://127.0.0.1:1", 2, memTotal, "6.1", "Debian", labels,
        NOW - heartbeatAgeMillis);
  }

  static NodeRecord node(String id) {
    return node(id, 4 * GIB, 1_000, Map.of());
  }
}
