package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * The cluster-wide view of one container: the value in {@link io.wharf.api.ClusterMaps#CONTAINERS},
 * written only by the node that owns the container. Holds everything {@code docker ps} shows.
 * Times are Unix epoch nanoseconds; 0 means "never".
 *
 * @param image the reference as the user gave it
 * @param imageId "sha256:..." id of the image
 * @param command entrypoint and cmd joined with spaces, as {@code docker ps} shows it
 * @param health the health check's state, or null when the container has none
 */
public record ContainerSummary(
    String id,
    String name,
    String nodeId,
    String image,
    String imageId,
    String command,
    long createdNanos,
    ContainerState state,
    int exitCode,
    long startedNanos,
    long finishedNanos,
    Map<String, String> labels,
    String networkMode,
    boolean tty,
    int restartCount,
    HealthState health,
    java.util.List<MountSpec> mounts) {

  /** Absent mounts (records published before volumes existed) read as none. */
  public ContainerSummary {
    mounts = mounts == null ? java.util.List.of() : mounts;
  }

  /** Without mounts. */
  public ContainerSummary(String id, String name, String nodeId, String image, String imageId, String command,
      long createdNanos, ContainerState state, int exitCode, long startedNanos, long finishedNanos,
      Map<String, String> labels, String networkMode, boolean tty, int restartCount, HealthState health) {
    this(id, name, nodeId, image, imageId, command, createdNanos, state, exitCode, startedNanos, finishedNanos,
        labels, networkMode, tty, restartCount, health, java.util.List.of());
  }

  /** Without health (containers without a health check). */
  public ContainerSummary(String id, String name, String nodeId, String image, String imageId, String command,
      long createdNanos, ContainerState state, int exitCode, long startedNanos, long finishedNanos,
      Map<String, String> labels, String networkMode, boolean tty, int restartCount) {
    this(id, name, nodeId, image, imageId, command, createdNanos, state, exitCode, startedNanos, finishedNanos,
        labels, networkMode, tty, restartCount, null);
  }

  public List<String> names() {
    return List.of("/" + name);
  }
}
