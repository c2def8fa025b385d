package io.wharf.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.wharf.node.cluster.ClusterView;
import io.wharf.node.http.AttachHub;
import java.util.function.Supplier;

/**
 * The collaborators of one node agent, wired once by {@link NodeAgentVerticle} (or a test).
 *
 * @param workers the named pool that runs every blocking call (runtime, mounts, files)
 * @param blobSources gives a client of the registry's blob endpoint (its URL is in the cluster map)
 */
public record NodeContext(
    Vertx vertx,
    String nodeId,
    NodePaths paths,
    ContainerStore store,
    ContainerExecutor executor,
    RootfsProvider rootfs,
    ClusterView cluster,
    ImageLookup images,
    ContainerFiles files,
    Waiters waiters,
    AttachHub attachHub,
    WorkerExecutor workers,
    Supplier<Future<BlobSource>> blobSources) {

  public Future<BlobSource> blobSource() {
    return blobSources.get();
  }
}
