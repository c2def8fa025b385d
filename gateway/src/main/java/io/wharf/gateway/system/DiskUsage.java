package io.wharf.gateway.system;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.ImageSummary;
import io.wharf.gateway.container.ContainerJsonTranslator;
import io.wharf.gateway.http.ApiVersion;
import io.wharf.gateway.image.ImageJsonTranslator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /system/df} from what the gateway can see: images with how many containers use
 * each, containers with their image's size as SizeRootFs (writable-layer sizes are not known
 * here unless the nodes answered them: SizeRw 0 then), no build cache; SystemRoutes fills in the volumes from volume-service.
 */
public final class DiskUsage {
  private DiskUsage() {}

  public static JsonObject of(List<ContainerSummary> containers, List<ImageSummary> images, ApiVersion version,
      long nowNanos) {
    return of(containers, images, version, nowNanos, Map.of());
  }

  /** @param writableSizes container id -> bytes in its writable layer (SizeRw); missing = 0 */
  public static JsonObject of(List<ContainerSummary> containers, List<ImageSummary> images, ApiVersion version,
      long nowNanos, Map<String, Long> writableSizes) {
    Map<String, Integer> users = new HashMap<>();
    containers.forEach(c -> users.merge(c.imageId() == null ? "" : c.imageId(), 1, Integer::sum));
    Map<String, Long> imageSize = new HashMap<>();
    long layers = 0;
    JsonArray imageJson = new JsonArray();
    for (ImageSummary i : images) {
      imageSize.put(i.id(), i.size());
      layers += i.size();
      imageJson.add(ImageJsonTranslator.listEntry(i, version).put("Containers", users.getOrDefault(i.id(), 0))
          .put("SharedSize", 0));
    }
    JsonArray containerJson = new JsonArray();
    for (ContainerSummary c : containers) {
      containerJson.add(ContainerJsonTranslator.listEntry(c, nowNanos, null).put("SizeRw", writableSizes.getOrDefault(c.id(), 0L))
          .put("SizeRootFs", imageSize.getOrDefault(c.imageId(), 0L) + writableSizes.getOrDefault(c.id(), 0L)));
    }
    JsonObject out = new JsonObject()
        .put("LayersSize", layers)
        .put("Images", imageJson)
        .put("Containers", containerJson)
        .put("Volumes", new JsonArray())
        .put("BuildCache", null);
    if (version.below(1, 42)) {
      out.put("BuilderSize", 0);
    }
    return out;
  }
}
