package io.wharf.node.exec;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.ClusterMaps;
import java.util.List;

/** This node's entries in the cluster map exec id -> node id ({@link ClusterMaps#EXECS}). */
final class ExecDirectory {
  private final Vertx vertx;
  private final String nodeId;

  ExecDirectory(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  Future<Void> publish(String execId) {
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.EXECS).compose(m -> m.put(execId, nodeId));
  }

  Future<Void> forget(List<String> execIds) {
    if (execIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.EXECS)
        .compose(m -> Future.all(execIds.stream().map(m::remove).toList())).mapEmpty();
  }
}
