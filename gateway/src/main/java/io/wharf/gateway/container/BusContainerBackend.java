package io.wharf.gateway.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Addresses.NodeOp;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerRequests;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.Placement;
import io.wharf.gateway.cluster.ClusterView;
import java.util.List;
import java.util.Map;

/** {@link ContainerBackend} over the event bus (scheduler, node agents) and the cluster maps. */
public final class BusContainerBackend implements ContainerBackend {
  private final EventBus bus;
  private final ClusterView cluster;

  public BusContainerBackend(EventBus bus, ClusterView cluster) {
    this.bus = bus;
    this.cluster = cluster;
  }

  @Override
  public Future<List<ContainerSummary>> list() {
    return cluster.containers();
  }

  @Override
  public Future<ContainerRequests.Created> create(ContainerSpec spec) {
    return io.wharf.gateway.volume.VolumeAffinity.constraints(spec, cluster)
        .compose(pinned -> io.wharf.gateway.network.SharedNetnsAffinity.constraints(spec, pinned, this::list))
        .map(constraints -> new Placement.Request(spec.host().memory(), spec.host().nanoCpus(), constraints))
        .compose(want -> Bus.request(bus, Addresses.SCHEDULER_PLACE, want, Placement.Decision.class))
        .compose(d -> Bus.request(bus, NodeOp.CONTAINER_CREATE.on(d.nodeId()), new ContainerRequests.Create(spec),
            ContainerRequests.Created.class));
  }

  @Override
  public Future<ContainerDetails> inspect(ContainerSummary c, boolean size) {
    return NodeUnreachable.explain(Bus.request(bus, NodeOp.CONTAINER_INSPECT.on(c.nodeId()),
        new ContainerRequests.Inspect(c.id(), size), ContainerDetails.class), c);
  }

  @Override
  public Future<ContainerRequests.Outcome> start(ContainerSummary c) {
    return NodeUnreachable.explain(Bus.request(bus, NodeOp.CONTAINER_START.on(c.nodeId()), new ContainerRequests.Ref(c.id()),
        ContainerRequests.Outcome.class), c);
  }

  @Override
  public Future<ContainerRequests.Outcome> stop(ContainerSummary c, Integer timeoutSeconds, String signal) {
    return NodeUnreachable.explain(Bus.<ContainerRequests.Outcome>request(bus, NodeOp.CONTAINER_STOP.on(c.nodeId()),
        new ContainerRequests.Stop(c.id(), timeoutSeconds, signal), io.wharf.api.Json.type(ContainerRequests.Outcome.class),
        stopTimeoutMs(timeoutSeconds)), c);
  }

  @Override
  public Future<Void> restart(ContainerSummary c, Integer timeoutSeconds, String signal) {
    return NodeUnreachable.explain(ignoreReply(Bus.request(bus, NodeOp.CONTAINER_RESTART.on(c.nodeId()),
        new ContainerRequests.Stop(c.id(), timeoutSeconds, signal), io.wharf.api.Json.type(JsonNode.class),
        stopTimeoutMs(timeoutSeconds))), c);
  }

  @Override
  public Future<Void> kill(ContainerSummary c, String signal) {
    return send(NodeOp.CONTAINER_KILL, c, new ContainerRequests.Kill(c.id(), signal));
  }

  @Override
  public Future<Void> remove(ContainerSummary c, boolean force, boolean removeVolumes) {
    return NodeUnreachable.explain(ignoreReply(Bus.request(bus, NodeOp.CONTAINER_REMOVE.on(c.nodeId()),
        new ContainerRequests.Remove(c.id(), force, removeVolumes), io.wharf.api.Json.type(JsonNode.class),
        stopTimeoutMs(null))), c);
  }

  @Override
  public Future<Void> resize(ContainerSummary c, int height, int width) {
    return send(NodeOp.CONTAINER_RESIZE, c, new ContainerRequests.Resize(c.id(), height, width));
  }

  @Override
  public Future<Void> rename(ContainerSummary c, String newName) {
    return send(NodeOp.CONTAINER_RENAME, c, new ContainerRequests.Rename(c.id(), newName))
        .compose(v -> io.wharf.gateway.network.EndpointNames.follow(bus, c.id(), newName));
  }

  @Override
  public Future<NodeEndpoint> endpoint(ContainerSummary c) {
    return cluster.node(c.nodeId()).compose(node -> cluster.setting(ClusterMaps.ClusterKeys.TOKEN)
        .map(token -> new NodeEndpoint(node.httpUrl(), token)));
  }

  private Future<Void> send(NodeOp op, ContainerSummary c, Object body) {
    return NodeUnreachable.explain(ignoreReply(Bus.request(bus, op.on(c.nodeId()), body, JsonNode.class)), c);
  }

  private static <T> Future<Void> ignoreReply(Future<T> f) {
    return f.mapEmpty();
  }

  /** A stop waits for the grace period, then kills: give the node that long plus a margin. */
  private static long stopTimeoutMs(Integer timeoutSeconds) {
    long grace = timeoutSeconds == null || timeoutSeconds < 0 ? 10 : timeoutSeconds;
    return Bus.DEFAULT_TIMEOUT_MS + grace * 1000;
  }

  @Override
  public void announce(io.wharf.api.event.WharfEvent event) {
    io.wharf.api.Bus.publish(bus, io.wharf.api.Addresses.EVENTS, event);
  }
}
