package io.wharf.node.runtime;

import io.wharf.api.container.ContainerSpec;
import java.util.List;

/**
 * Everything {@link OciSpecBuilder} needs; it reads nothing else.
 *
 * @param spec the effective spec: image defaults (Env with PATH, Entrypoint, Cmd, WorkingDir, User)
 *     already merged; its {@code host()} may be null (Docker's defaults)
 * @param rootfs absolute path of the container's root filesystem (the overlay mountpoint)
 * @param network "none" or "isolated": a new netns with only loopback; "host": no netns;
 *     anything else: the path of a pre-made netns, e.g. /var/run/netns/&lt;id&gt;
 * @param hostnameFile, hostsFile, resolvConfFile files bind-mounted on /etc/...; null = none
 * @param user the resolved user (see {@link UserResolver})
 * @param extraMounts volumes and binds, in order, after the default mounts
 * @param hostDevices the host's device nodes, used only when privileged (see {@link HostDevice#scan})
 * @param mappedDevices the {@code --device} nodes, with their path inside the container; may be null
 * @param initBinary the static init bind-mounted as /sbin/docker-init for {@code --init}; may be null
 * @param joinedPids for --pid/--ipc container:&lt;id&gt;: "pid"/"ipc" -&gt; the target's init pid; never null
 */
public record OciSpecInput(
    String containerId,
    ContainerSpec spec,
    String rootfs,
    String network,
    String hostnameFile,
    String hostsFile,
    String resolvConfFile,
    ResolvedUser user,
    List<OciMount> extraMounts,
    List<HostDevice> hostDevices,
    HostLimits limits,
    List<HostDevice> mappedDevices,
    String initBinary,
    java.util.Map<String, Integer> joinedPids) {

  public OciSpecInput {
    joinedPids = joinedPids == null ? java.util.Map.of() : joinedPids;
  }

  /** An input that joins no other container's PID or IPC namespace. */
  public OciSpecInput(String containerId, ContainerSpec spec, String rootfs, String network, String hostnameFile,
      String hostsFile, String resolvConfFile, ResolvedUser user, List<OciMount> extraMounts,
      List<HostDevice> hostDevices, HostLimits limits, List<HostDevice> mappedDevices, String initBinary) {
    this(containerId, spec, rootfs, network, hostnameFile, hostsFile, resolvConfFile, user, extraMounts,
        hostDevices, limits, mappedDevices, initBinary, null);
  }

  public static final String NETWORK_NONE = "none";
  public static final String NETWORK_ISOLATED = "isolated";
  public static final String NETWORK_HOST = "host";
}
