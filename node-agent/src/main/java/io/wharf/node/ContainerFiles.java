package io.wharf.node;

import io.wharf.api.container.ContainerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    Files.writeString(hostname(id), host + "\n", StandardCharsets.UTF_8);
    String hostsText = "127.0.0.1\tlocalhost\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "fe00::0\tip6-localnet\n"
        + "ff00::0\tip6-mcastprefix\n"
        + "ff02::1\tip6-allnodes\n"
        + "ff02::2\tip6-allrouters\n"
        + "127.0.1.1\t" + host + "\n";
    Files.writeString(hosts(id), hostsText, StandardCharsets.UTF_8);
    Files.writeString(resolvConf(id), resolvConfText(), StandardCharsets.UTF_8);
  }

  /**
   * The host's resolv.conf without loopback nameservers (unreachable from a container's own
   * namespace), as Docker filters it.
   */
  String resolvConfText() throws IOException {
    List<String> out = new ArrayList<>();
    if (Files.isReadable(hostResolvConf)) {
      for (String line : Files.readAllLines(hostResolvConf, StandardCharsets.UTF_8)) {
        String t = line.trim();
        if (t.startsWith("nameserver") && (t.contains(" 127.") || t.contains(" ::1"))) {
          continue;
        }
        out.add(line);
      }
    }
    return String.join("\n", out) + (out.isEmpty() ? "" : "\n");
  }
}
