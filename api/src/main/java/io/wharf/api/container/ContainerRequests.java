package io.wharf.api.container;

import java.util.List;

/** Request and reply bodies of the node operations in {@link io.wharf.api.Addresses.NodeOp}. */
public final class ContainerRequests {
  private ContainerRequests() {}

  /** CONTAINER_CREATE: the node resolves the image, reserves the name and prepares the bundle. */
  public record Create(ContainerSpec spec) {}

  public record Created(String id, List<String> warnings) {}

  /** Names one container by its full 64-hex id (the gateway resolves names and prefixes). */
  public record Ref(String id) {}

  /** CONTAINER_INSPECT with optional size computation. */
  public record Inspect(String id, boolean size) {}

  /** Reply of start/stop/restart/pause: changed=false means Docker's 304 "already in that state". */
  public record Outcome(boolean changed) {}

  /** CONTAINER_STOP and CONTAINER_RESTART; null timeout = the container's StopTimeout (default 10 s). */
  public record Stop(String id, Integer timeoutSeconds, String signal) {}

  /** CONTAINER_KILL; signal as the user typed it ("KILL", "SIGTERM", "9"); null = KILL. */
  public record Kill(String id, String signal) {}

  public record Remove(String id, boolean force, boolean removeVolumes) {}

  public record Resize(String id, int height, int width) {}

  public record Rename(String id, String newName) {}
}
