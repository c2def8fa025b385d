package io.wharf.api.volume;

import java.util.List;
import java.util.Map;

/** Request and reply bodies of the volume operations in {@link io.wharf.api.Addresses}. */
public final class VolumeRequests {
  private VolumeRequests() {}

  /** VOLUME_CREATE: name null or empty = a random anonymous-style name; existing name = the existing one. */
  public record Create(String name, String driver, Map<String, String> labels, Map<String, String> driverOpts) {}

  /** VOLUME_INSPECT. */
  public record Name(String name) {}

  /** VOLUME_LIST. filters: dangling, name, label, driver. */
  public record ListVolumes(Map<String, List<String>> filters) {}

  /** VOLUME_REMOVE: force also removes a volume in use? No: as Docker, force only ignores a missing one. */
  public record Remove(String name, boolean force) {}

  /** VOLUME_PRUNE: all=false removes only unused anonymous volumes (API &gt;= 1.42 without all=true). */
  public record Prune(boolean all, Map<String, List<String>> filters) {}

  /** Reply of VOLUME_PRUNE. */
  public record Pruned(List<String> deleted, long spaceReclaimed) {}

  /**
   * VOLUME_MOUNT: container {@code containerId} uses volume {@code name} (created when missing,
   * anonymous when {@code anonymous}); the reply carries the host mountpoint and whether it was new.
   */
  public record Mount(String name, String containerId, boolean anonymous) {}

  /** Reply of VOLUME_MOUNT. fresh: the volume was created by this call (Docker copies the image's content in). */
  public record Mounted(VolumeRecord volume, boolean fresh) {}

  /** VOLUME_RELEASE: the container is gone; with removeAnonymous its anonymous volumes go too. */
  public record Release(String containerId, boolean removeAnonymous) {}

  /** VOLUME_SIZES reply entry (docker system df -v). */
  public record Usage(VolumeRecord volume, long size) {}
}
