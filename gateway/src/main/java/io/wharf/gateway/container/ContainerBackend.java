package io.wharf.gateway.container;

import io.vertx.core.Future;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerRequests;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerSummary;
import java.util.List;

/**
 * What the container routes need from the cluster. Control operations take the resolved
 * {@link ContainerSummary} (its {@code nodeId} says which node answers). Failures are
 * {@link io.wharf.api.WharfException}s with the node's category and wording.
 */
public interface ContainerBackend {
  /** Every container in the cluster (the CONTAINERS map). */
  Future<List<ContainerSummary>> list();

  /** Places the container on a node and creates it there. */
  Future<ContainerRequests.Created> create(ContainerSpec spec);

  Future<ContainerDetails> inspect(ContainerSummary c, boolean size);

  /** changed=false means "already running" (HTTP 304). */
  Future<ContainerRequests.Outcome> start(ContainerSummary c);

  /** changed=false means "already stopped" (HTTP 304). */
  Future<ContainerRequests.Outcome> stop(ContainerSummary c, Integer timeoutSeconds, String signal);

  Future<Void> restart(ContainerSummary c, Integer timeoutSeconds, String signal);

  Future<Void> kill(ContainerSummary c, String signal);

  Future<Void> remove(ContainerSummary c, boolean force, boolean removeVolumes);

  Future<Void> resize(ContainerSummary c, int height, int width);

  Future<Void> rename(ContainerSummary c, String newName);

  /** Publishes an event the gateway itself originates (container prune). Default: none. */
  default void announce(io.wharf.api.event.WharfEvent event) {
  }

  /** Where the owning node serves byte streams for {@code c}. */
  Future<NodeEndpoint> endpoint(ContainerSummary c);

  /**
   * A node's internal HTTP endpoint and the cluster token to present.
   *
   * @param baseUrl e.g. "http://127.0.0.1:43211"
   */
  record NodeEndpoint(String baseUrl, String token) {
    public java.net.URI uri() {
      return java.net.URI.create(baseUrl);
    }
  }
}
