package io.wharf.registry.store;

import java.util.Set;

/**
 * Told about Docker-side tag and image changes, under the store lock, after they are durable:
 * how the /v2 face stays consistent with {@code docker tag}, {@code docker rmi}, loads and
 * imports. Implementations must not call back into store mutations of the same tag.
 */
public interface StoreListener {
  StoreListener NONE = new StoreListener() {};

  default void tagSet(String familiarTag, ImageRecord image) {}

  default void tagRemoved(String familiarTag, String imageId) {}

  /** The image's record is gone; its blobs are about to be deleted unless in {@link #blobsInUse}. */
  default void imageDeleted(ImageRecord image) {}

  /** Blobs other content (manifests of the /v2 face) still needs. */
  default Set<String> blobsInUse() {
    return Set.of();
  }
}
