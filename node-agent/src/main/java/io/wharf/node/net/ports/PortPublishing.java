package io.wharf.node.net.ports;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.PublishedPorts;
import io.wharf.node.ContainerNetworking;
import io.wharf.node.ContainerRecord;
import io.wharf.node.net.BridgeNetworking;
import io.wharf.node.net.LinkPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge networking plus port publishing: once the container's link exists its ports are
 * published ({@link PortPublisher}) and recorded in {@link ClusterMaps#PUBLISHED_PORTS} for the
 * gateway; at exit they go before the link does. A host port that cannot be taken fails the start
 * with Docker's message (HTTP 500) and leaves nothing behind. Containers without a bridge link
 * (host, none, container:&lt;id&gt;) publish nothing.
 */
public final class PortPublishing implements ContainerNetworking {
  private static final Logger LOG = LoggerFactory.getLogger(PortPublishing.class);

  private final BridgeNetworking links;
  private final PortPublisher publisher;
  private final WorkerExecutor workers;
  private final SharedData data;
  private final String nodeId;

  public PortPublishing(BridgeNetworking links, PortPublisher publisher, WorkerExecutor workers, SharedData data,
      String nodeId) {
    this.links = links;
    this.publisher = publisher;
    this.workers = workers;
    this.data = data;
    this.nodeId = nodeId;
  }

  @Override
  public Future<Void> created(ContainerRecord r) {
    return links.created(r);
  }

  @Override
  public Future<Void> beforeStart(ContainerRecord r) {
    return links.beforeStart(r).compose(v -> {
      LinkPlan link = links.linkOf(r.id());
      if (link == null) {
        return Future.succeededFuture();
      }
      return workers.<PublishedPorts>executeBlocking(() -> publish(r, link), false).compose(this::record);
    });
  }

  private PublishedPorts publish(ContainerRecord r, LinkPlan link) {
    try {
      return publisher.publish(nodeId, r.id(), r.effective(), link);
    } catch (PortAllocator.PortUnavailable e) {
      throw WharfException.internal("driver failed programming external connectivity on endpoint " + r.name()
          + " (" + r.id() + "): " + e.getMessage(), null);
    }
  }

  @Override
  public Future<Void> connectedLive(ContainerRecord r, io.wharf.api.network.NetworkRequests.Attached a) {
    return links.connectedLive(r, a);
  }

  @Override
  public Future<Void> disconnectedLive(ContainerRecord r, io.wharf.api.network.NetworkRequests.Attached a) {
    return links.disconnectedLive(r, a);
  }

  @Override
  public Future<Void> adopted(ContainerRecord r) {
    Future<Void> linked = links.adopted(r).recover(t -> {
      LOG.warn("links of {} not taken over after the restart: {}", r.id(), t.getMessage());
      return Future.succeededFuture();
    });
    return linked.compose(v -> workers.<PublishedPorts>executeBlocking(() -> publisher.readopt(r.id()), false))
        .compose(p -> p == null ? Future.<Void>succeededFuture() : record(p))
        .recover(t -> {
          LOG.warn("ports of {} not re-published after the restart: {}", r.id(), t.getMessage());
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Void> stopped(String id) {
    return unpublish(id).compose(v -> links.stopped(id));
  }

  @Override
  public Future<Void> removed(ContainerRecord r) {
    return unpublish(r.id()).compose(v -> links.removed(r));
  }

  /** At daemon stop: the nat chains go when no container publishes anything. */
  public Future<Void> shutdown() {
    return workers.<Void>executeBlocking(() -> {
      publisher.removeChainsIfUnused();
      return null;
    }, false).recover(t -> Future.succeededFuture());
  }

  private Future<Void> unpublish(String id) {
    return workers.<Void>executeBlocking(() -> {
      publisher.unpublish(id);
      return null;
    }, false).compose(v -> map()).compose(m -> m.remove(PublishedPorts.key(nodeId, id))).<Void>mapEmpty()
        .recover(t -> {
          LOG.warn("unpublishing the ports of {} failed: {}", id, t.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> record(PublishedPorts p) {
    return map().compose(m -> m.put(PublishedPorts.key(nodeId, p.containerId()), Json.string(p)));
  }

  private Future<AsyncMap<String, String>> map() {
    return data.getAsyncMap(ClusterMaps.PUBLISHED_PORTS);
  }
}
