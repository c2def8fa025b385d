package io.wharf.node.net;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.NameResolution;
import io.wharf.node.ContainerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Rewrites a container's /etc/hosts and resolv.conf once its address is known: the hostname
 * maps to the container's address instead of 127.0.1.1, {@code host-gateway} to its gateway, and
 * on a user network the resolver is the embedded DNS at 127.0.0.11 (the default bridge keeps the
 * host's resolvers, or the --dns ones, as in Docker). Blocking.
 */
final class ResolverFiles {
  private ResolverFiles() {}

  static void write(ContainerFiles files, String id, ContainerSpec spec, LinkPlan plan, boolean userNetwork) {
    String ip = plan.address().substring(0, plan.address().indexOf('/'));
    NameResolution names = spec.host() == null ? NameResolution.NONE : spec.host().names();
    try {
      if (Files.exists(files.hosts(id))) {
        Files.writeString(files.hosts(id), EtcHosts.render(spec.hostname(), spec.domainname(), ip,
            names.extraHosts(), plan.gateway()), StandardCharsets.UTF_8);
      }
      String host = files.hostResolvConfText();
      Files.writeString(files.resolvConf(id),
          userNetwork ? ResolvConf.embedded(host, names) : ResolvConf.direct(host, names), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A live connect gave the container the embedded DNS: its resolv.conf names 127.0.0.11 from now on. */
  static void useEmbedded(ContainerFiles files, String id, ContainerSpec spec) {
    NameResolution names = spec.host() == null ? NameResolution.NONE : spec.host().names();
    try {
      Files.writeString(files.resolvConf(id), ResolvConf.embedded(files.hostResolvConfText(), names),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A live connect or disconnect: the container's own line for that network's address is added to
   * or taken from its /etc/hosts, as dockerd does (in place, so the bind mount sees it). A container
   * whose hosts file is its own (host network, or none written) is left alone.
   */
  static void selfLine(ContainerFiles files, String id, ContainerSpec spec, LinkPlan plan, boolean add) {
    if (!Files.exists(files.hosts(id))) {
      return;
    }
    String ip = plan.address().substring(0, plan.address().indexOf('/'));
    String line = EtcHosts.selfLine(spec.hostname(), spec.domainname(), ip);
    try {
      String now = Files.readString(files.hosts(id), StandardCharsets.UTF_8);
      String next = add ? EtcHosts.withLine(now, line) : EtcHosts.withoutLine(now, line);
      if (!next.equals(now)) {
        Files.writeString(files.hosts(id), next, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
