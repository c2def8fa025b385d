package io.wharf.registry.ops;

/**
 * Where the image logic reports state changes (tag, untag, delete, load, import). The verticle
 * publishes them on the event bus; tests collect them. Docker's image events carry the image id
 * as actor and the reference (or the id again) as attribute "name". Must be thread-safe.
 */
@FunctionalInterface
public interface ImageEvents {
  void publish(String action, String imageId, String name);

  static ImageEvents none() {
    return (action, imageId, name) -> {};
  }
}
