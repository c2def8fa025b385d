package io.wharf.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LostNodesTest {
  private static final long NOW = 1_000_000_000L;

  @ParameterizedTest(name = "heartbeat {0} ms ago -> alive {1}")
  @CsvSource({"0, true", "3000, true", "10000, true", "10001, false", "600000, false", "-5000, true"})
  void aliveWhileTheHeartbeatIsRecent(long ageMillis, boolean alive) {
    NodeRecord n = node("n1", NOW - ageMillis);
    assertEquals(alive ? Set.of("n1") : Set.of(), LostNodes.aliveNodeIds(List.of(n), NOW));
  }

  @ParameterizedTest(name = "{0} on a {1} node -> {2}")
  @CsvSource({
      "running, alive, running", "running, lost, dead", "running, unregistered, dead",
      "paused, lost, dead", "restarting, lost, dead",
      "exited, lost, exited", "created, lost, created", "dead, lost, dead", "removing, lost, removing",
      "exited, alive, exited"})
  void onlyLiveContainersOfLostNodesTurnDead(String state, String node, String shown) {
    String nodeId = switch (node) {
      case "alive" -> "n1";
      case "lost" -> "n2";
      default -> "n9";
    };
    Set<String> alive = LostNodes.aliveNodeIds(List.of(node("n1", NOW), node("n2", NOW - 60_000)), NOW);
    ContainerSummary c = container(nodeId, ContainerState.fromWire(state));
    ContainerSummary out = LostNodes.markLost(List.of(c), alive).get(0);
    assertEquals(shown, out.state().wire());
    assertEquals(c.id(), out.id());
    assertEquals(c.startedNanos(), out.startedNanos());
  }

  private static NodeRecord node(String id, long heartbeat) {
    return new NodeRecord(id, id, "http://127.0.0.1:1", 2, 1L << 30, "6.1", "Linux", Map.of(), heartbeat);
  }

  private static ContainerSummary container(String nodeId, ContainerState state) {
    return new ContainerSummary("a".repeat(64), "web", nodeId, "busybox", "sha256:" + "b".repeat(64), "sh",
        1L, state, 0, 2L, 0L, Map.of(), "default", false, 0);
  }
}
