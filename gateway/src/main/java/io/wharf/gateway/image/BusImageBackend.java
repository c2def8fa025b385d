package io.wharf.gateway.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ClusterMaps;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.gateway.cluster.ClusterView;
import java.util.List;

/** {@link ImageBackend} over the event bus and the cluster settings map. */
public final class BusImageBackend implements ImageBackend {
  private final EventBus bus;
  private final ClusterView cluster;

  public BusImageBackend(EventBus bus, ClusterView cluster) {
    this.bus = bus;
    this.cluster = cluster;
  }

  @Override
  public Future<List<ImageSummary>> list(ImageRequests.ListImages request) {
    return Bus.request(bus, Addresses.IMAGE_LIST, request, Json.type(new TypeReference<List<ImageSummary>>() {}));
  }

  @Override
  public Future<ImageDetails> inspect(String name) {
    return Bus.request(bus, Addresses.IMAGE_INSPECT, new ImageRequests.Ref(name), ImageDetails.class);
  }

  @Override
  public Future<List<HistoryEntry>> history(String name) {
    return Bus.request(bus, Addresses.IMAGE_HISTORY, new ImageRequests.Ref(name),
        Json.type(new TypeReference<List<HistoryEntry>>() {}));
  }

  @Override
  public Future<Void> tag(ImageRequests.Tag request) {
    return Bus.request(bus, Addresses.IMAGE_TAG, request, JsonNode.class).mapEmpty();
  }

  @Override
  public Future<List<ImageRequests.DeleteItem>> remove(ImageRequests.Remove request) {
    return Bus.request(bus, Addresses.IMAGE_REMOVE, request,
        Json.type(new TypeReference<List<ImageRequests.DeleteItem>>() {}));
  }

  @Override
  public Future<RegistryEndpoint> registry() {
    return cluster.setting(ClusterMaps.ClusterKeys.REGISTRY_URL).compose(url -> {
      if (url == null || url.isEmpty()) {
        throw new WharfException(ErrorCategory.UNAVAILABLE, "the image registry service is not registered");
      }
      return cluster.setting(ClusterMaps.ClusterKeys.TOKEN).map(token -> new RegistryEndpoint(url, token));
    });
  }
}
