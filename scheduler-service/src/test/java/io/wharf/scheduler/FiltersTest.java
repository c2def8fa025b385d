package io.wharf.scheduler;

import static io.wharf.scheduler.Nodes.GIB;
import static io.wharf.scheduler.Nodes.NOW;
import static io.wharf.scheduler.Nodes.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FiltersTest {
  private static final ClusterSnapshot EMPTY = new ClusterSnapshot(List.of(), Map.of(), NOW);

  static Stream<Arguments> cases() {
    Map<String, String> ssd = Map.of("disk", "ssd");
    Map<String, String> nullValued = new HashMap<>();
    nullValued.put("disk", null);
    return Stream.of(
        // filter, node, request, expected reason (null = passes)
        Arguments.of(new AliveFilter(), node("a", GIB, 0, ssd), req(0, null), null),
        Arguments.of(new AliveFilter(), node("a", GIB, 15_000, ssd), req(0, null), null),
        Arguments.of(new AliveFilter(), node("a", GIB, 15_001, ssd), req(0, null), "not alive"),
        Arguments.of(new AliveFilter(), node("a", GIB, -5_000, ssd), req(0, null), null),
        Arguments.of(new AliveFilter(1_000), node("a", GIB, 2_000, ssd), req(0, null), "not alive"),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, null), null),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, Map.of()), null),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, Map.of("node.name", "a")), null),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, Map.of("node.name", "b")),
            "constraints not met"),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, Map.of("node.id", "a")), null),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, Map.of("disk", "ssd")), null),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd),
            req(0, Map.of("node.labels.disk", "ssd")), null),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, Map.of("disk", "hdd")),
            "constraints not met"),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd), req(0, nullValued),
            "constraints not met"),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, null), req(0, Map.of("disk", "ssd")),
            "constraints not met"),
        Arguments.of(new ConstraintFilter(), node("a", GIB, 0, ssd),
            req(0, Map.of("node.name", "a", "disk", "hdd")), "constraints not met"),
        Arguments.of(new MemoryFilter(), node("a", GIB, 0, ssd), req(0, null), null),
        Arguments.of(new MemoryFilter(), node("a", GIB, 0, ssd), req(GIB, null), null),
        Arguments.of(new MemoryFilter(), node("a", GIB, 0, ssd), req(GIB + 1, null), "insufficient memory"),
        Arguments.of(new MemoryFilter(), node("a", 0, 0, ssd), req(64 * GIB, null), null),
        Arguments.of(new MemoryFilter(), node("a", GIB, 0, ssd), req(-1, null), null));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rejectsWithReason(NodeFilter filter, NodeRecord node, Placement.Request request, String reason) {
    assertEquals(Optional.ofNullable(reason), filter.reject(node, request, EMPTY));
  }

  private static Placement.Request req(long memory, Map<String, String> constraints) {
    return new Placement.Request(memory, 0, constraints);
  }
}
