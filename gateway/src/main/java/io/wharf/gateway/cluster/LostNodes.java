package io.wharf.gateway.cluster;

import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the gateway shows for containers whose node agent is gone. A node's summaries stay in the
 * cluster map after its JVM dies (the map is replicated, and the containers, owned by conmon,
 * usually keep running), but nobody keeps them current. So a container that its node last
 * reported as live (running, paused, restarting) is shown as {@code dead} while its node's
 * heartbeat is older than {@link #MAX_HEARTBEAT_AGE_MILLIS} or the node has no record: plain
 * {@code docker ps} stops listing it, {@code docker ps -a} and {@code --filter status=dead} show
 * it. Containers last reported as created or exited keep that state (it cannot change while their
 * node is down). When the node comes back, its recovery republishes the real states.
 *
 * <p>Heartbeats are wall-clock times written by the node: hosts' clocks must agree within a few
 * seconds (NTP), as for the scheduler's alive filter. A heartbeat from the future counts as alive.
 */
public final class LostNodes {
  /** Node agents beat every 3 s: three missed beats and a margin mean the agent is gone. */
  public static final long MAX_HEARTBEAT_AGE_MILLIS = 10_000;

  private LostNodes() {}

  /** Ids of the nodes that beat within the limit before {@code nowMillis}. */
  public static Set<String> aliveNodeIds(List<NodeRecord> nodes, long nowMillis) {
    Set<String> alive = new HashSet<>();
    for (NodeRecord n : nodes) {
      if (nowMillis - n.heartbeatMillis() <= MAX_HEARTBEAT_AGE_MILLIS) {
        alive.add(n.nodeId());
      }
    }
    return alive;
  }

  /** {@code containers} with live ones on nodes outside {@code aliveNodeIds} turned {@code dead}. */
  public static List<ContainerSummary> markLost(List<ContainerSummary> containers, Set<String> aliveNodeIds) {
    return containers.stream()
        .map(c -> c.state().isLive() && !aliveNodeIds.contains(c.nodeId()) ? dead(c) : c)
        .toList();
  }

  private static ContainerSummary dead(ContainerSummary c) {
    return new ContainerSummary(c.id(), c.name(), c.nodeId(), c.image(), c.imageId(), c.command(),
        c.createdNanos(), ContainerState.DEAD, c.exitCode(), c.startedNanos(), c.finishedNanos(), c.labels(),
        c.networkMode(), c.tty(), c.restartCount());
  }
}
