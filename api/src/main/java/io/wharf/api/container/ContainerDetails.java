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
    long sizeRootFs) {
}
