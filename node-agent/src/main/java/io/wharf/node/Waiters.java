package io.wharf.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients waiting for a container to exit or be removed. Completed with the exit code. All methods
 * are called on the node agent's event loop.
 */
public final class Waiters {
  private final Map<String, List<Promise<Integer>>> exits = new ConcurrentHashMap<>();
  private final Map<String, List<Promise<Integer>>> removals = new ConcurrentHashMap<>();

  public Future<Integer> nextExit(String id) {
    return add(exits, id);
  }

  public Future<Integer> removal(String id) {
    return add(removals, id);
  }

  public void exited(String id, int code) {
    complete(exits, id, code);
  }

  public void removed(String id, int code) {
    complete(exits, id, code);
    complete(removals, id, code);
  }

  private static Future<Integer> add(Map<String, List<Promise<Integer>>> map, String id) {
    Promise<Integer> p = Promise.promise();
    map.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
    return p.future();
  }

  private static void complete(Map<String, List<Promise<Integer>>> map, String id, int code) {
    List<Promise<Integer>> list = map.remove(id);
    if (list != null) {
      list.forEach(p -> p.tryComplete(code));
    }
  }
}
