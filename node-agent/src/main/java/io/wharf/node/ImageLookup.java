package io.wharf.node;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;

/** Asks the image-registry-service about an image (over the event bus). */
public interface ImageLookup {

  /** The image named {@code ref}; fails NOT_FOUND with "No such image: ..." when absent. */
  Future<ImageDetails> inspect(String ref);

  static ImageLookup overBus(EventBus bus) {
    return ref -> Bus.request(bus, Addresses.IMAGE_INSPECT, new ImageRequests.Ref(ref), ImageDetails.class);
  }
}
