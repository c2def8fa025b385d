package io.wharf.registry.ops;

import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.ImageStore;
import java.util.function.LongSupplier;

/** Points tags at images and reports it: the one place that moves a tag. Blocking. */
public final class TagWriter {
  private final ImageStore store;
  private final ImageEvents events;
  private final LongSupplier clockNanos;

  public TagWriter(ImageStore store, ImageEvents events, LongSupplier clockNanos) {
    this.store = store;
    this.events = events;
    this.clockNanos = clockNanos;
  }

  /**
   * Points {@code ref} (a tagged reference) at image {@code id}.
   *
   * @return the id of another image the tag was taken from (it may now be dangling), or null
   */
  public String tag(ImageReference ref, String id) {
    String name = ref.familiarString();
    String previous = store.setTag(name, id, clockNanos.getAsLong());
    events.publish("tag", id, name);
    if (previous != null && !previous.equals(id)) {
      events.publish("untag", previous, previous);
      return previous;
    }
    return null;
  }
}
