package io.wharf.api;

/**
 * Names of the cluster-wide maps (Vert.x shared-data AsyncMaps backed by Hazelcast). Keys are
 * strings; values are JSON strings of Wharf records made by {@link Json}.
 */
public final class ClusterMaps {
  private ClusterMaps() {}

  /** container id -> {@link io.wharf.api.container.ContainerSummary}; written by the owning node. */
  public static final String CONTAINERS = "wharf.containers";
  /** container name (no slash) -> container id; reserved with putIfAbsent before create. */
  public static final String CONTAINER_NAMES = "wharf.container-names";
  /** exec id -> node id of the node that runs it; written by that node, removed with the container. */
  public static final String EXECS = "wharf.execs";
  /** volume name -> {@link io.wharf.api.volume.VolumeRecord}; reserved with putIfAbsent by the owning node. */
  public static final String VOLUMES = "wharf.volumes";
  /** node id -> {@link io.wharf.api.node.NodeRecord}. */
  public static final String NODES = "wharf.nodes";
  /** network id -> {@link io.wharf.api.network.NetworkRecord}; written by the network-service. */
  public static final String NETWORKS = "wharf.networks";
  /** network name -> network id; reserved with putIfAbsent before a network is stored. */
  public static final String NETWORK_NAMES = "wharf.network-names";
  /** {@code <networkId>/<ipv4>} -> container id (or "gateway"/"aux"); taken with putIfAbsent. */
  public static final String NETWORK_ADDRESSES = "wharf.network-addresses";
  /** {@code <networkId>/<containerId>} -> {@link io.wharf.api.network.Endpoint}. */
  public static final String NETWORK_ENDPOINTS = "wharf.network-endpoints";
  /** {@code <nodeId>/<containerId>} -> {@link io.wharf.api.container.PublishedPorts}; written by that node. */
  public static final String PUBLISHED_PORTS = "wharf.published-ports";
  /** cluster-wide settings; keys in {@link ClusterKeys}. */
  public static final String CLUSTER = "wharf.cluster";

  /** Keys of the {@link #CLUSTER} map. */
  public static final class ClusterKeys {
    private ClusterKeys() {}

    /** Shared secret every internal HTTP request carries in {@link InternalHttp#TOKEN_HEADER}. */
    public static final String TOKEN = "token";
    /** Base URL of the image-registry-service HTTP endpoint (OCI /v2 and the internal paths). */
    public static final String REGISTRY_URL = "registry.url";
  }
}
