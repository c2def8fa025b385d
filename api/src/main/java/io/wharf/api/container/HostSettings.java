package io.wharf.api.container;

import java.util.List;

/**
 * The host-side settings of a container (Docker's HostConfig, as far as Wharf applies it).
 * Zero or null means "not set"; Docker's defaults then apply.
 *
 * @param memory memory limit in bytes
 * @param memorySwap memory+swap limit in bytes; -1 unlimited
 * @param nanoCpus CPU limit in units of 1e-9 CPUs
 * @param pidsLimit max processes; null or &lt;= 0 unlimited
 * @param networkMode "default", "bridge", "host", "none", a network name, or "container:&lt;id&gt;"
 * @param consoleSize [height, width] of the pty at create, or null
 */
public record HostSettings(
    boolean autoRemove,
    long memory,
    long memorySwap,
    long nanoCpus,
    long cpuShares,
    long cpuQuota,
    long cpuPeriod,
    Long pidsLimit,
    boolean privileged,
    List<String> capAdd,
    List<String> capDrop,
    boolean readonlyRootfs,
    String networkMode,
    RestartPolicy restartPolicy,
    List<Integer> consoleSize) {

  public static HostSettings defaults() {
    return new HostSettings(false, 0, 0, 0, 0, 0, 0, null, false, List.of(), List.of(), false,
        "default", RestartPolicy.NO, null);
  }
}
