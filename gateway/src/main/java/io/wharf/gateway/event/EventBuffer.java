package io.wharf.gateway.event;

import io.wharf.api.event.WharfEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last N cluster events, for {@code GET /events?since=} replays, plus live subscribers.
 * Thread-safe: the bus consumer adds, HTTP handlers subscribe. A subscriber gets every event
 * added after its snapshot, with no gap and no duplicate.
 */
public final class EventBuffer {
  private final int capacity;
  private final ArrayDeque<WharfEvent> ring;
  private final List<Consumer<WharfEvent>> subscribers = new CopyOnWriteArrayList<>();

  public EventBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  public synchronized void add(WharfEvent event) {
    if (ring.size() == capacity) {
      ring.removeFirst();
    }
    ring.addLast(event);
    for (Consumer<WharfEvent> s : subscribers) {
      s.accept(event);
    }
  }

  public synchronized List<WharfEvent> snapshot() {
    return new ArrayList<>(ring);
  }

  /** The events buffered so far and a live subscription from then on. Cancel it when done. */
  public record Subscription(List<WharfEvent> history, Runnable cancel) {}

  public synchronized Subscription subscribe(Consumer<WharfEvent> live) {
    subscribers.add(live);
    return new Subscription(new ArrayList<>(ring), () -> subscribers.remove(live));
  }

  public int subscriberCount() {
    return subscribers.size();
  }
}
