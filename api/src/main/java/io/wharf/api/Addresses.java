package io.wharf.api;

/**
 * Every event-bus address Wharf uses. No other class spells an address.
 *
 * <p>Scheme: {@code wharf.v1.<service>.<operation>} for cluster services,
 * {@code wharf.v1.node.<nodeId>.<operation>} for one node, and the topic {@link #EVENTS}.
 */
public final class Addresses {
  private Addresses() {}

  private static final String PREFIX = "wharf.v1.";

  /** Topic: every state change, as {@link io.wharf.api.event.WharfEvent}. Published, never sent. */
  public static final String EVENTS = PREFIX + "events";

  // image-registry-service
  public static final String IMAGE_LIST = PREFIX + "registry.image.list";
  public static final String IMAGE_INSPECT = PREFIX + "registry.image.inspect";
  public static final String IMAGE_HISTORY = PREFIX + "registry.image.history";
  public static final String IMAGE_TAG = PREFIX + "registry.image.tag";
  public static final String IMAGE_REMOVE = PREFIX + "registry.image.remove";

  // volume-service
  public static final String VOLUME_CREATE = PREFIX + "volume.create";
  public static final String VOLUME_INSPECT = PREFIX + "volume.inspect";
  public static final String VOLUME_LIST = PREFIX + "volume.list";
  public static final String VOLUME_REMOVE = PREFIX + "volume.remove";
  public static final String VOLUME_PRUNE = PREFIX + "volume.prune";
  public static final String VOLUME_MOUNT = PREFIX + "volume.mount";
  public static final String VOLUME_RELEASE = PREFIX + "volume.release";
  public static final String VOLUME_USAGE = PREFIX + "volume.usage";

  /**
   * The copy of a volume address served only by the volume-service of node {@code nodeId}: a node
   * mounts and releases the volumes that live on it (VOLUME_MOUNT, VOLUME_RELEASE).
   */
  public static String volumeOnNode(String address, String nodeId) {
    return address + ".node." + nodeId;
  }

  // network-service
  public static final String NETWORK_CREATE = PREFIX + "network.create";
  public static final String NETWORK_INSPECT = PREFIX + "network.inspect";
  public static final String NETWORK_LIST = PREFIX + "network.list";
  public static final String NETWORK_REMOVE = PREFIX + "network.remove";
  public static final String NETWORK_PRUNE = PREFIX + "network.prune";
  public static final String NETWORK_CONNECT = PREFIX + "network.connect";
  public static final String NETWORK_DISCONNECT = PREFIX + "network.disconnect";
  /** A container was renamed: its endpoints take the new name (its DNS name). */
  public static final String NETWORK_RENAME = PREFIX + "network.rename";

  // scheduler-service
  public static final String SCHEDULER_PLACE = PREFIX + "scheduler.place";

  /** Operations a node agent serves for the containers it owns. */
  public enum NodeOp {
    CONTAINER_CREATE("container.create"),
    CONTAINER_START("container.start"),
    CONTAINER_STOP("container.stop"),
    CONTAINER_RESTART("container.restart"),
    CONTAINER_KILL("container.kill"),
    CONTAINER_REMOVE("container.remove"),
    CONTAINER_INSPECT("container.inspect"),
    CONTAINER_RESIZE("container.resize"),
    CONTAINER_RENAME("container.rename"),
    CONTAINER_PAUSE("container.pause"),
    CONTAINER_UNPAUSE("container.unpause"),
    CONTAINER_TOP("container.top"),
    CONTAINER_UPDATE("container.update"),
    EXEC_CREATE("exec.create"),
    EXEC_INSPECT("exec.inspect"),
    EXEC_RESIZE("exec.resize"),
    /** Body {@code NetworkRequests.Attached}: put a running container on one more network now. */
    NETWORK_ATTACH("network.attach"),
    /** Body {@code NetworkRequests.Attached}: take a running container off one network now. */
    NETWORK_DETACH("network.detach");

    private final String suffix;

    NodeOp(String suffix) {
      this.suffix = suffix;
    }

    /** The address of this operation on one node. */
    public String on(String nodeId) {
      return PREFIX + "node." + nodeId + "." + suffix;
    }
  }
}
