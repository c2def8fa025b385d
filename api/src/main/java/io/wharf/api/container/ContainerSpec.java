package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * What a user asked for at create (Docker's Config plus HostConfig), before image defaults are
 * merged in. Null lists mean "use the image's"; an empty entrypoint list resets the image's.
 *
 * @param name requested name without the leading slash, or null to generate one
 * @param image the image reference exactly as the user typed it (shown by {@code docker ps})
 * @param exposedPorts keys like "80/tcp"
 * @param volumes container paths of anonymous volumes, as keys
 * @param healthcheck Config.Healthcheck, or null to use the image's
 */
public record ContainerSpec(
    String name,
    String image,
    List<String> cmd,
    List<String> entrypoint,
    List<String> env,
    String workingDir,
    String user,
    String hostname,
    String domainname,
    Map<String, String> labels,
    boolean tty,
    boolean openStdin,
    boolean stdinOnce,
    boolean attachStdin,
    boolean attachStdout,
    boolean attachStderr,
    String stopSignal,
    Integer stopTimeout,
    List<String> exposedPorts,
    List<String> volumes,
    HostSettings host,
    HealthConfig healthcheck) {
}
