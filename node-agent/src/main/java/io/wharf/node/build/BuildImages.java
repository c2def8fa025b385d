package io.wharf.node.build;

import io.wharf.api.image.ImageDetails;
import java.nio.file.Path;

/**
 * What the builder needs from the image registry. Every method blocks (call from a worker thread);
 * failures are {@link io.wharf.api.WharfException}s with the registry's category and wording.
 */
public interface BuildImages {
  /** The image named {@code ref} (name, name:tag or id); NOT_FOUND "No such image: ..." when absent. */
  ImageDetails inspect(String ref);

  /** Whether an image with this id still exists. */
  boolean exists(String imageId);

  /** The image's config JSON (a fresh copy the caller may change). */
  ImageDoc config(String imageId);

  /**
   * Stores a step's image: {@code parentId} (null for scratch) plus {@code layerTar} (null for a
   * config-only step) with the config {@code doc}; returns the new image id.
   */
  String derive(String parentId, ImageDoc doc, Path layerTar);

  /** Points {@code reference} ("name", "name:tag") at the image. */
  void tag(String imageId, String reference);

  /**
   * Pulls {@code reference}, reporting progress to {@code messages}.
   *
   * @param registryAuth Docker's X-Registry-Auth value for its registry, or null (anonymous)
   */
  void pull(String reference, String registryAuth, BuildMessages messages);
}
