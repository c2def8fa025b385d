package io.wharf.api.container;

import java.util.List;

/**
 * The ports a running container really publishes on its node (random ports resolved), the value
 * of {@link io.wharf.api.ClusterMaps#PUBLISHED_PORTS} under {@code <nodeId>/<containerId>}.
 * Written by the owning node when the rules are in place, removed when they go; the gateway
 * shows it as {@code NetworkSettings.Ports} and the {@code docker ps} PORTS column.
 *
 * @param exposed every exposed port of the container ("80/tcp"), published or not
 * @param ports the applied bindings
 */
public record PublishedPorts(String containerId, String nodeId, List<String> exposed, List<Published> ports) {
  public PublishedPorts {
    exposed = exposed == null ? List.of() : List.copyOf(exposed);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** The cluster map key: a host port belongs to one node. */
  public static String key(String nodeId, String containerId) {
    return nodeId + "/" + containerId;
  }

  /**
   * One applied binding.
   *
   * @param port the container port with protocol, "80/tcp"
   * @param hostIp "0.0.0.0" for every address
   */
  public record Published(String port, String hostIp, int hostPort) {
    public int containerPort() {
      return Integer.parseInt(port.substring(0, port.indexOf('/')));
    }

    public String protocol() {
      return port.substring(port.indexOf('/') + 1);
    }
  }
}
