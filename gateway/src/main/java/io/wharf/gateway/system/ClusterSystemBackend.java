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

  public ClusterSystemBackend(ClusterView cluster, ImageBackend images) {
    this.cluster = cluster;
    this.images = images;
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
