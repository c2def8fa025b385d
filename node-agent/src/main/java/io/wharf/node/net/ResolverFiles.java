package io.wharf.node.net;

import io.wharf.node.ContainerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rewrites a container's /etc/hosts and resolv.conf once its address is known: the hostname
 * maps to the container's address instead of 127.0.1.1, and on a user network the resolver is
 * the embedded DNS on the gateway (the default bridge keeps the host's resolvers, as in Docker).
 * Blocking.
 */
final class ResolverFiles {
  private ResolverFiles() {}

  static void write(ContainerFiles files, String id, LinkPlan plan, boolean userNetwork) {
    String ip = plan.address().substring(0, plan.address().indexOf('/'));
    try {
      Path hosts = files.hosts(id);
      if (Files.exists(hosts)) {
        List<String> lines = Files.readAllLines(hosts, StandardCharsets.UTF_8).stream()
            .map(l -> l.startsWith("127.0.1.1\t") ? ip + l.substring("127.0.1.1".length()) : l).toList();
        Files.write(hosts, lines, StandardCharsets.UTF_8);
      }
      if (userNetwork) {
        Files.writeString(files.resolvConf(id), "nameserver " + plan.gateway() + "\noptions ndots:0\n",
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
