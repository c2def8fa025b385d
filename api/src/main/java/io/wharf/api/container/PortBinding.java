package io.wharf.api.container;

/**
 * One entry of Docker's {@code HostConfig.PortBindings}, as the user gave it.
 *
 * @param hostIp the host address to bind; "" means every address (0.0.0.0)
 * @param hostPort "8080", a range "8000-8010" (any free port in it), or "" for a random free port
 */
public record PortBinding(String hostIp, String hostPort) {
  public PortBinding {
    hostIp = hostIp == null ? "" : hostIp;
    hostPort = hostPort == null ? "" : hostPort;
  }
}
