package io.wharf.scheduler;

import static io.wharf.scheduler.Nodes.GIB;
import static io.wharf.scheduler.Nodes.NOW;
import static io.wharf.scheduler.Nodes.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementPipelineTest {
  private final PlacementPipeline pipeline = PlacementPipeline.standard();
  private static final Placement.Request ANY = new Placement.Request(0, 0, Map.of());

  static Stream<Arguments> placements() {
    return Stream.of(
        // nodes, containers per node, request, expected node
        Arguments.of(List.of(node("a")), Map.of(), ANY, "a"),
        Arguments.of(List.of(node("a"), node("b")), Map.of("a", 3, "b", 1), ANY, "b"),
        Arguments.of(List.of(node("a"), node("b")), Map.of("a", 0, "b", 1), ANY, "a"),
        Arguments.of(List.of(node("a"), node("b", GIB, 60_000, Map.of())), Map.of("a", 9), ANY, "a"),
        Arguments.of(List.of(node("a"), node("b")), Map.of("b", 5),
            new Placement.Request(0, 0, Map.of("node.name", "b")), "b"),
        Arguments.of(List.of(node("a", GIB, 0, Map.of()), node("b", 8 * GIB, 0, Map.of())),
            Map.of("b", 5), new Placement.Request(2 * GIB, 0, Map.of()), "b"));
  }

  @ParameterizedTest
  @MethodSource("placements")
  void picksTheBestFeasibleNode(List<NodeRecord> nodes, Map<String, Integer> counts,
      Placement.Request request, String expected) {
    ClusterSnapshot snapshot = new ClusterSnapshot(nodes, counts, NOW);
    assertEquals(expected, pipeline.place(snapshot, request, 0).nodeId());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(List.of(), ANY, "no suitable node (no node has registered)"),
        Arguments.of(List.of(node("a", GIB, 20_000, Map.of())), ANY, "no suitable node (1 node: 1 not alive)"),
        Arguments.of(List.of(node("a", GIB, 20_000, Map.of()), node("b", GIB, 0, Map.of())),
            new Placement.Request(2 * GIB, 0, Map.of()),
            "no suitable node (2 nodes: 1 not alive, 1 insufficient memory)"),
        Arguments.of(List.of(node("a"), node("b"), node("c", GIB, 99_000, Map.of())),
            new Placement.Request(0, 0, Map.of("node.name", "z")),
            "no suitable node (3 nodes: 2 constraints not met, 1 not alive)"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void explainsWhyNothingFits(List<NodeRecord> nodes, Placement.Request request, String message) {
    ClusterSnapshot snapshot = new ClusterSnapshot(nodes, Map.of(), NOW);
    WharfException e = assertThrows(WharfException.class, () -> pipeline.place(snapshot, request, 0));
    assertEquals(ErrorCategory.FAILED_PRECONDITION, e.category());
    assertEquals(message, e.getMessage());
  }

  @Test
  void tiesRotateSoEveryEqualNodeGetsWork() {
    ClusterSnapshot snapshot = new ClusterSnapshot(List.of(node("a"), node("b"), node("c")), Map.of(), NOW);
    Set<String> chosen = new HashSet<>();
    for (long turn = 0; turn < 3; turn++) {
      chosen.add(pipeline.place(snapshot, ANY, turn).nodeId());
    }
    assertEquals(Set.of("a", "b", "c"), chosen);
  }

  @Test
  void tieBreakIsStableForTheSameRotation() {
    ClusterSnapshot snapshot = new ClusterSnapshot(List.of(node("b"), node("a")), Map.of(), NOW);
    ClusterSnapshot reordered = new ClusterSnapshot(List.of(node("a"), node("b")), Map.of(), NOW);
    assertEquals(pipeline.place(snapshot, ANY, 7).nodeId(), pipeline.place(reordered, ANY, 7).nodeId());
    assertEquals(pipeline.place(snapshot, ANY, -1).nodeId(), pipeline.place(reordered, ANY, -1).nodeId());
  }

  static Stream<Arguments> normalizations() {
    return Stream.of(
        Arguments.of(Map.of(), Map.of()),
        Arguments.of(Map.of("a", 5.0), Map.of("a", 1.0)),
        Arguments.of(Map.of("a", -3.0, "b", -3.0), Map.of("a", 1.0, "b", 1.0)),
        Arguments.of(Map.of("a", -4.0, "b", 0.0, "c", -2.0), Map.of("a", 0.0, "b", 1.0, "c", 0.5)));
  }

  @ParameterizedTest
  @MethodSource("normalizations")
  void normalizesToUnitRange(Map<String, Double> raw, Map<String, Double> expected) {
    assertEquals(expected, PlacementPipeline.normalize(raw));
  }

  @Test
  void planCountsRejectionsAndScoresFeasibleNodes() {
    ClusterSnapshot snapshot = new ClusterSnapshot(
        List.of(node("a"), node("b"), node("old", GIB, 30_000, Map.of())), Map.of("a", 2), NOW);
    PlacementPlan plan = pipeline.plan(snapshot, ANY, 0);
    assertEquals("b", plan.nodeId());
    assertEquals(Map.of("not alive", 1), plan.rejections());
    assertEquals(Map.of("a", 0.0, "b", 1.0), plan.scores());
  }
}
