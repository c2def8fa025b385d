package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code docker inspect} shows about a container, as the owning node knows it.
 *
 * @param effective the spec with the image's defaults merged in (Env with PATH, Cmd, Entrypoint,
 *     WorkingDir, User, Labels, ExposedPorts, Volumes), as Docker shows it under {@code Config}
 * @param path the executable (first word of entrypoint+cmd)
 * @param args the remaining words
 * @param graphDriver overlay directories: LowerDir, UpperDir, MergedDir, WorkDir
 * @param sizeRw bytes in the writable layer, or -1 when not computed
 * @param sizeRootFs bytes in the whole rootfs, or -1 when not computed
 * @param execIds the container's execs that have not exited (Docker's ExecIDs); null when none
 */
public record ContainerDetails(
    ContainerSummary summary,
    ContainerSpec effective,
    String path,
    List<String> args,
    int pid,
    boolean oomKilled,
    String error,
    String logPath,
    String resolvConfPath,
    String hostnamePath,
    String hostsPath,
    Map<String, String> graphDriver,
    long sizeRw,
    long sizeRootFs,
    List<String> execIds) {

  /** Without exec ids (a node that tracks none). */
  public ContainerDetails(ContainerSummary summary, ContainerSpec effective, String path, List<String> args, int pid,
      boolean oomKilled, String error, String logPath, String resolvConfPath, String hostnamePath, String hostsPath,
      Map<String, String> graphDriver, long sizeRw, long sizeRootFs) {
    this(summary, effective, path, args, pid, oomKilled, error, logPath, resolvConfPath, hostnamePath, hostsPath,
        graphDriver, sizeRw, sizeRootFs, null);
  }

  /** This record with {@code ids} as its exec ids (null when empty, as Docker shows none). */
  public ContainerDetails withExecIds(List<String> ids) {
    return new ContainerDetails(summary, effective, path, args, pid, oomKilled, error, logPath, resolvConfPath,
        hostnamePath, hostsPath, graphDriver, sizeRw, sizeRootFs, ids == null || ids.isEmpty() ? null : List.copyOf(ids));
  }
}
