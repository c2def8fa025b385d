package io.wharf.api.container;

/**
 * The namespace, OOM and fine-grained resource parts of Docker's HostConfig. Null or zero means
 * "not set" (Docker's default applies); every field is optional so records saved before it existed
 * read as {@link #NONE}.
 *
 * @param pidMode "" (own namespace), "host", or "container:&lt;full id&gt;"
 * @param ipcMode "", "private", "shareable", "none", "host", or "container:&lt;full id&gt;"
 * @param utsMode "" or "host"
 * @param cgroupnsMode "", "host" or "private" (cgroup v1 hosts default to host)
 * @param usernsMode "" or "host" (Wharf has no user-namespace remapping)
 * @param oomScoreAdj process.oomScoreAdj, -1000..1000
 * @param cpusetCpus e.g. "0-1,3"; null for every CPU
 * @param cpusetMems e.g. "0"; null for every memory node
 * @param blkioWeight 10..1000; 0 unset
 * @param memoryReservation soft memory limit in bytes; 0 unset
 * @param memorySwappiness 0..100; null or -1 unset
 * @param oomKillDisable true to disable the OOM killer (memory.oom_control)
 */
public record Isolation(
    String pidMode,
    String ipcMode,
    String utsMode,
    String cgroupnsMode,
    String usernsMode,
    int oomScoreAdj,
    String cpusetCpus,
    String cpusetMems,
    int blkioWeight,
    long memoryReservation,
    Long memorySwappiness,
    Boolean oomKillDisable) {

  public static final Isolation NONE = new Isolation("", "", "", "", "", 0, null, null, 0, 0, null, null);
  public static final String CONTAINER_PREFIX = "container:";

  public Isolation {
    pidMode = pidMode == null ? "" : pidMode;
    ipcMode = ipcMode == null ? "" : ipcMode;
    utsMode = utsMode == null ? "" : utsMode;
    cgroupnsMode = cgroupnsMode == null ? "" : cgroupnsMode;
    usernsMode = usernsMode == null ? "" : usernsMode;
    cpusetCpus = cpusetCpus == null || cpusetCpus.isEmpty() ? null : cpusetCpus;
    cpusetMems = cpusetMems == null || cpusetMems.isEmpty() ? null : cpusetMems;
  }

  /** The container a "container:&lt;id&gt;" mode names, or null for any other mode. */
  public static String targetOf(String mode) {
    return mode != null && mode.startsWith(CONTAINER_PREFIX) ? mode.substring(CONTAINER_PREFIX.length()) : null;
  }

  /** These settings with the given PID and IPC modes (container targets resolved to ids). */
  public Isolation withModes(String newPidMode, String newIpcMode) {
    return new Isolation(newPidMode, newIpcMode, utsMode, cgroupnsMode, usernsMode, oomScoreAdj, cpusetCpus,
        cpusetMems, blkioWeight, memoryReservation, memorySwappiness, oomKillDisable);
  }

  /** These settings with the resource fields {@code docker update} may change. */
  public Isolation withResources(String cpus, String mems, int weight, long reservation) {
    return new Isolation(pidMode, ipcMode, utsMode, cgroupnsMode, usernsMode, oomScoreAdj, cpus, mems, weight,
        reservation, memorySwappiness, oomKillDisable);
  }
}
