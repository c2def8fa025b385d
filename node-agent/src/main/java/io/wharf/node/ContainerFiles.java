package io.wharf.node;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.NameResolution;
import io.wharf.node.net.EtcHosts;
import io.wharf.node.net.ResolvConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The per-container files Docker bind-mounts over the image's: /etc/hostname, /etc/hosts and
 * /etc/resolv.conf, kept in the container's durable dir. Blocking.
 */
public final class ContainerFiles {
  private final NodePaths paths;
  private final Path hostResolvConf;

  public ContainerFiles(NodePaths paths, Path hostResolvConf) {
    this.paths = paths;
    this.hostResolvConf = hostResolvConf;
  }

  public Path hostname(String id) {
    return paths.containerDir(id).resolve("hostname");
  }

  public Path hosts(String id) {
    return paths.containerDir(id).resolve("hosts");
  }

  public Path resolvConf(String id) {
    return paths.containerDir(id).resolve("resolv.conf");
  }

  /** Writes the three files for a container whose network namespace has loopback only (or is the host's). */
  public void write(String id, ContainerSpec effective) throws IOException {
    String host = effective.hostname();
    NameResolution names = effective.host() == null ? NameResolution.NONE : effective.host().names();
    Files.writeString(hostname(id), host + "\n", StandardCharsets.UTF_8);
    Files.writeString(hosts(id), EtcHosts.render(host, effective.domainname(), EtcHosts.LOOPBACK_SELF,
        names.extraHosts(), null), StandardCharsets.UTF_8);
    Files.writeString(resolvConf(id), ResolvConf.direct(hostResolvConfText(), names), StandardCharsets.UTF_8);
  }

  /** The host's resolv.conf, or "" when it cannot be read. */
  public String hostResolvConfText() {
    try {
      return Files.isReadable(hostResolvConf) ? Files.readString(hostResolvConf, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
