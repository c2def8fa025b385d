package io.wharf.gateway.image;

import io.vertx.core.Future;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import java.util.List;

/**
 * What the image routes need from the image-registry-service: metadata operations over the
 * event bus, and where its internal HTTP endpoint (load, import, save) is.
 */
public interface ImageBackend {
  Future<List<ImageSummary>> list(ImageRequests.ListImages request);

  /** NOT_FOUND with Docker's wording when the image is unknown. */
  Future<ImageDetails> inspect(String name);

  Future<List<HistoryEntry>> history(String name);

  Future<Void> tag(ImageRequests.Tag request);

  Future<List<ImageRequests.DeleteItem>> remove(ImageRequests.Remove request);

  /** Base URL of the registry's HTTP endpoint and the cluster token. */
  Future<RegistryEndpoint> registry();

  record RegistryEndpoint(String baseUrl, String token) {}
}
