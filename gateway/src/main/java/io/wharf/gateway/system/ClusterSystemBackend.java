package io.wharf.gateway.system;

import io.vertx.core.Future;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.node.NodeRecord;
import io.wharf.gateway.cluster.ClusterView;
import io.wharf.gateway.image.ImageBackend;
import java.util.List;
import java.util.Map;

/** {@link SystemBackend} over the cluster maps and the image registry (IMAGE_LIST with all=true). */
public final class ClusterSystemBackend implements SystemBackend {
  private final ClusterView cluster;
  private final ImageBackend images;
  private io.wharf.gateway.container.ContainerBackend containerOps;

  public ClusterSystemBackend(ClusterView cluster, ImageBackend images) {
    this.cluster = cluster;
    this.images = images;
  }

  /** Lets {@link #writableSizes} ask the nodes (inspect with size). */
  private io.vertx.core.eventbus.EventBus volumeBus;

  /** Asks volume-service over {@code bus} for volume sizes. */
  public ClusterSystemBackend withVolumes(io.vertx.core.eventbus.EventBus bus) {
    this.volumeBus = bus;
    return this;
  }

  @Override
  public Future<List<io.wharf.api.volume.VolumeRequests.Usage>> volumeUsage() {
    if (volumeBus == null) {
      return Future.succeededFuture(List.of());
    }
    return io.wharf.api.Bus.<List<io.wharf.api.volume.VolumeRequests.Usage>>request(volumeBus,
        io.wharf.api.Addresses.VOLUME_USAGE, new io.wharf.api.volume.VolumeRequests.ListVolumes(Map.of()),
        io.wharf.api.Json.type(new com.fasterxml.jackson.core.type.TypeReference<
            List<io.wharf.api.volume.VolumeRequests.Usage>>() {}))
        .otherwise(List.of());
  }

  public ClusterSystemBackend withContainerOps(io.wharf.gateway.container.ContainerBackend ops) {
    this.containerOps = ops;
    return this;
  }

  @Override
  public Future<Map<String, Long>> writableSizes(List<ContainerSummary> containers) {
    if (containerOps == null) {
      return Future.succeededFuture(Map.of());
    }
    Map<String, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();
    List<Future<Void>> asks = new java.util.ArrayList<>();
    for (ContainerSummary c : containers) {
      asks.add(containerOps.inspect(c, true).map(d -> {
        sizes.put(c.id(), Math.max(0, d.sizeRw()));
        return (Void) null;
      }).otherwise((Void) null));
    }
    return Future.all(asks).map(v -> Map.copyOf(sizes));
  }

  @Override
  public Future<List<ContainerSummary>> containers() {
    return cluster.containers();
  }

  @Override
  public Future<List<NodeRecord>> nodes() {
    return cluster.nodes();
  }

  @Override
  public Future<List<ImageSummary>> images() {
    return images.list(new ImageRequests.ListImages(true, Map.of()));
  }
}
