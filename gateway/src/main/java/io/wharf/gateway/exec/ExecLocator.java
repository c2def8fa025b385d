package io.wharf.gateway.exec;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.ClusterMaps;
import io.wharf.api.WharfException;
import io.wharf.gateway.cluster.ClusterView;
import io.wharf.gateway.container.ContainerBackend;

/** Finds the node of an exec in the cluster map exec id -> node id ({@link ClusterMaps#EXECS}). */
public final class ExecLocator {
  private final Vertx vertx;
  private final ClusterView cluster;

  public ExecLocator(Vertx vertx, ClusterView cluster) {
    this.vertx = vertx;
    this.cluster = cluster;
  }

  /** Where a node serves its internal HTTP endpoint, and the token to present there. */
  public Future<ContainerBackend.NodeEndpoint> endpoint(String nodeId) {
    return cluster.node(nodeId).compose(node -> cluster.setting(ClusterMaps.ClusterKeys.TOKEN)
        .map(token -> new ContainerBackend.NodeEndpoint(node.httpUrl(), token)));
  }

  /** The node id; NOT_FOUND with Docker's message when no node has that exec. */
  public Future<String> node(String execId) {
    if (execId == null || !execId.matches("[0-9a-f]{64}")) {
      return Future.failedFuture(WharfException.notFound("No such exec instance: " + execId));
    }
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.EXECS).compose(m -> m.get(execId))
        .compose(nodeId -> nodeId != null ? Future.succeededFuture(nodeId)
            : Future.failedFuture(WharfException.notFound("No such exec instance: " + execId)));
  }
}
