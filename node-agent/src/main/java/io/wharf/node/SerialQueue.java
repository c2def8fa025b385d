package io.wharf.node;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the operations on one container one at a time, in arrival order, so that two requests never
 * change the same container concurrently. Call only from the node agent's event loop.
 */
final class SerialQueue {
  private final Map<String, Future<?>> tails = new HashMap<>();

  <T> Future<T> run(String key, Supplier<Future<T>> op) {
    Future<?> tail = tails.getOrDefault(key, Future.succeededFuture());
    Future<T> next = tail.transform(ignored -> {
      try {
        return op.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tails.put(key, next);
    next.onComplete(ar -> {
      if (tails.get(key) == next) {
        tails.remove(key);
      }
    });
    return next;
  }
}
