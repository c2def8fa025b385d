package io.wharf.scheduler;

import io.vertx.core.Future;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link ClusterMaps#NODES} and {@link ClusterMaps#CONTAINERS} into a {@link ClusterSnapshot}.
 * Values are JSON strings ({@link Json}); an entry that does not parse is logged and skipped, so one
 * bad writer cannot stop all placement. Non-blocking: both reads are async map calls.
 */
public final class SnapshotReader {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

  private final SharedData sharedData;
  private final LongSupplier clock;

  public SnapshotReader(SharedData sharedData, LongSupplier clock) {
    this.sharedData = sharedData;
    this.clock = clock;
  }

  public Future<ClusterSnapshot> read() {
    Future<List<Object>> nodes = values(ClusterMaps.NODES);
    Future<List<Object>> containers = values(ClusterMaps.CONTAINERS);
    return Future.all(nodes, containers).map(done -> new ClusterSnapshot(
        parseNodes(nodes.result()), countPerNode(containers.result()), clock.getAsLong()));
  }

  private Future<List<Object>> values(String map) {
    return sharedData.<String, Object>getAsyncMap(map).compose(m -> m.values());
  }

  static List<NodeRecord> parseNodes(List<Object> values) {
    List<NodeRecord> nodes = new ArrayList<>();
    for (Object v : values) {
      NodeRecord node = parse(v, NodeRecord.class);
      if (node != null && node.nodeId() != null) {
        nodes.add(node);
      }
    }
    return nodes;
  }

  static Map<String, Integer> countPerNode(List<Object> values) {
    Map<String, Integer> counts = new HashMap<>();
    for (Object v : values) {
      ContainerSummary c = parse(v, ContainerSummary.class);
      if (c != null && c.nodeId() != null) {
        counts.merge(c.nodeId(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static <T> T parse(Object value, Class<T> type) {
    try {
      return Json.read(String.valueOf(value), type);
    } catch (RuntimeException e) {
      LOG.warn("skipping malformed {} in cluster map: {}", type.getSimpleName(), e.getMessage());
      return null;
    }
  }
}
