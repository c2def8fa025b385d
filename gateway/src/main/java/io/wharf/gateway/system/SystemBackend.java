package io.wharf.gateway.system;

import io.vertx.core.Future;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.node.NodeRecord;
import java.util.List;

/** The cluster figures {@code /info} and {@code /system/df} report. */
public interface SystemBackend {
  Future<List<ContainerSummary>> containers();

  Future<List<NodeRecord>> nodes();

  /** All images (including intermediate ones); a failed future when the registry is down. */
  Future<List<ImageSummary>> images();

  /**
   * Bytes in each container's writable layer (id -> SizeRw), asked of the owning nodes; a
   * container whose node does not answer is left out. Default: none known.
   */
  default Future<java.util.Map<String, Long>> writableSizes(List<ContainerSummary> containers) {
    return Future.succeededFuture(java.util.Map.of());
  }

  /** Every volume with its size (docker system df). Default: none; a down volume service = none. */
  default Future<List<io.wharf.api.volume.VolumeRequests.Usage>> volumeUsage() {
    return Future.succeededFuture(List.of());
  }
}
