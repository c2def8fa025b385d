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
 * @param tmpfs container path -&gt; mount options ("" for the defaults), Docker's HostConfig.Tmpfs
 * @param securityOpt "no-new-privileges[:true|false]", "seccomp=unconfined", "seccomp=&lt;json&gt;"
 * @param shmSize bytes of /dev/shm; 0 = Docker's 64 MiB
 * @param init null or false: run the command as PID 1; true: tini as PID 1
 * @param logOptions the json-file log options: "max-size", "max-file"
 * @param mounts volumes, binds and tmpfs mounts from Binds and Mounts, in order
 * @param volumesFrom containers (name or id, ":ro"/":rw" suffix) whose mounts this one shares
 * @param portBindings HostConfig.PortBindings: "80/tcp" -&gt; bindings, as given (ports resolved at start)
 * @param publishAllPorts HostConfig.PublishAllPorts ({@code -P}): every exposed port to a random host port
 * @param names --dns, --dns-search, --dns-option, --add-host and network aliases; never null
 * @param isolation --pid, --ipc, --uts, --cgroupns, --userns, --oom-score-adj, --cpuset-*, --blkio-weight,
 *     --memory-reservation, --memory-swappiness, --oom-kill-disable; never null
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
    List<Integer> consoleSize,
    java.util.Map<String, String> tmpfs,
    List<Ulimit> ulimits,
    List<String> groupAdd,
    List<String> securityOpt,
    List<DeviceMapping> devices,
    long shmSize,
    java.util.Map<String, String> sysctls,
    Boolean init,
    java.util.Map<String, String> logOptions,
    List<MountSpec> mounts,
    List<String> volumesFrom,
    java.util.Map<String, List<PortBinding>> portBindings,
    boolean publishAllPorts,
    NameResolution names,
    Isolation isolation) {

  /** Absent collections (records saved before these fields existed) read as empty. */
  public HostSettings {
    tmpfs = tmpfs == null ? java.util.Map.of() : tmpfs;
    ulimits = ulimits == null ? List.of() : ulimits;
    groupAdd = groupAdd == null ? List.of() : groupAdd;
    securityOpt = securityOpt == null ? List.of() : securityOpt;
    devices = devices == null ? List.of() : devices;
    sysctls = sysctls == null ? java.util.Map.of() : sysctls;
    logOptions = logOptions == null ? java.util.Map.of() : logOptions;
    mounts = mounts == null ? List.of() : mounts;
    volumesFrom = volumesFrom == null ? List.of() : volumesFrom;
    portBindings = portBindings == null ? java.util.Map.of() : portBindings;
    names = names == null ? NameResolution.NONE : names;
    isolation = isolation == null ? Isolation.NONE : isolation;
  }

  /** Settings without isolation options (the form before they existed). */
  public HostSettings(boolean autoRemove, long memory, long memorySwap, long nanoCpus, long cpuShares,
      long cpuQuota, long cpuPeriod, Long pidsLimit, boolean privileged, List<String> capAdd,
      List<String> capDrop, boolean readonlyRootfs, String networkMode, RestartPolicy restartPolicy,
      List<Integer> consoleSize, java.util.Map<String, String> tmpfs, List<Ulimit> ulimits,
      List<String> groupAdd, List<String> securityOpt, List<DeviceMapping> devices, long shmSize,
      java.util.Map<String, String> sysctls, Boolean init, java.util.Map<String, String> logOptions,
      List<MountSpec> mounts, List<String> volumesFrom,
      java.util.Map<String, List<PortBinding>> portBindings, boolean publishAllPorts, NameResolution names) {
    this(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod, pidsLimit, privileged,
        capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs, ulimits, groupAdd,
        securityOpt, devices, shmSize, sysctls, init, logOptions, mounts, volumesFrom, portBindings,
        publishAllPorts, names, null);
  }

  /** These settings with the given isolation options. */
  public HostSettings withIsolation(Isolation newIsolation) {
    return new HostSettings(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod,
        pidsLimit, privileged, capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs,
        ulimits, groupAdd, securityOpt, devices, shmSize, sysctls, init, logOptions, mounts, volumesFrom,
        portBindings, publishAllPorts, names, newIsolation);
  }

  /** Settings without name resolution options (the form before they existed). */
  public HostSettings(boolean autoRemove, long memory, long memorySwap, long nanoCpus, long cpuShares,
      long cpuQuota, long cpuPeriod, Long pidsLimit, boolean privileged, List<String> capAdd,
      List<String> capDrop, boolean readonlyRootfs, String networkMode, RestartPolicy restartPolicy,
      List<Integer> consoleSize, java.util.Map<String, String> tmpfs, List<Ulimit> ulimits,
      List<String> groupAdd, List<String> securityOpt, List<DeviceMapping> devices, long shmSize,
      java.util.Map<String, String> sysctls, Boolean init, java.util.Map<String, String> logOptions,
      List<MountSpec> mounts, List<String> volumesFrom,
      java.util.Map<String, List<PortBinding>> portBindings, boolean publishAllPorts) {
    this(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod, pidsLimit, privileged,
        capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs, ulimits, groupAdd,
        securityOpt, devices, shmSize, sysctls, init, logOptions, mounts, volumesFrom, portBindings,
        publishAllPorts, null);
  }

  /** Settings without published ports nor name resolution options. */
  public HostSettings(boolean autoRemove, long memory, long memorySwap, long nanoCpus, long cpuShares,
      long cpuQuota, long cpuPeriod, Long pidsLimit, boolean privileged, List<String> capAdd,
      List<String> capDrop, boolean readonlyRootfs, String networkMode, RestartPolicy restartPolicy,
      List<Integer> consoleSize, java.util.Map<String, String> tmpfs, List<Ulimit> ulimits,
      List<String> groupAdd, List<String> securityOpt, List<DeviceMapping> devices, long shmSize,
      java.util.Map<String, String> sysctls, Boolean init, java.util.Map<String, String> logOptions,
      List<MountSpec> mounts, List<String> volumesFrom) {
    this(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod, pidsLimit, privileged,
        capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs, ulimits, groupAdd,
        securityOpt, devices, shmSize, sysctls, init, logOptions, mounts, volumesFrom, null, false,
        null);
  }

  /** These settings with the given published ports. */
  public HostSettings withPorts(java.util.Map<String, List<PortBinding>> bindings, boolean publishAll) {
    return new HostSettings(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod,
        pidsLimit, privileged, capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs,
        ulimits, groupAdd, securityOpt, devices, shmSize, sysctls, init, logOptions, mounts, volumesFrom,
        bindings, publishAll, names, isolation);
  }

  /** These settings with the given name resolution options. */
  public HostSettings withNames(NameResolution newNames) {
    return new HostSettings(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod,
        pidsLimit, privileged, capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs,
        ulimits, groupAdd, securityOpt, devices, shmSize, sysctls, init, logOptions, mounts, volumesFrom,
        portBindings, publishAllPorts, newNames, isolation);
  }

  /** Settings without mounts (the form before volumes existed). */
  public HostSettings(boolean autoRemove, long memory, long memorySwap, long nanoCpus, long cpuShares,
      long cpuQuota, long cpuPeriod, Long pidsLimit, boolean privileged, List<String> capAdd,
      List<String> capDrop, boolean readonlyRootfs, String networkMode, RestartPolicy restartPolicy,
      List<Integer> consoleSize, java.util.Map<String, String> tmpfs, List<Ulimit> ulimits,
      List<String> groupAdd, List<String> securityOpt, List<DeviceMapping> devices, long shmSize,
      java.util.Map<String, String> sysctls, Boolean init, java.util.Map<String, String> logOptions) {
    this(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod, pidsLimit, privileged,
        capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs, ulimits, groupAdd,
        securityOpt, devices, shmSize, sysctls, init, logOptions, List.of(), List.of());
  }

  /** These settings with the mounts resolved by the node. */
  public HostSettings withMounts(List<MountSpec> newMounts) {
    return new HostSettings(autoRemove, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod,
        pidsLimit, privileged, capAdd, capDrop, readonlyRootfs, networkMode, restartPolicy, consoleSize, tmpfs,
        ulimits, groupAdd, securityOpt, devices, shmSize, sysctls, init, logOptions, newMounts, volumesFrom,
        portBindings, publishAllPorts, names, isolation);
  }

  public static HostSettings defaults() {
    return new HostSettings(false, 0, 0, 0, 0, 0, 0, null, false, List.of(), List.of(), false,
        "default", RestartPolicy.NO, null, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), 0,
        java.util.Map.of(), null, java.util.Map.of());
  }
}
