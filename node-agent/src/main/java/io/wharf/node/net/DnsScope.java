package io.wharf.node.net;

import io.wharf.api.network.Endpoint;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the embedded DNS answers, decided from the cluster's endpoints. The asker is the endpoint
 * with the query's source address on the network whose gateway got the query; it sees the
 * containers of every network it is on (by name, alias or 12+ character id prefix), nothing of
 * the others. Names it does not own are forwarded when they have a dot (or are reverse
 * lookups); a bare unknown name is NXDOMAIN at once, as there is no upstream that could own it.
 * Pure.
 */
final class DnsScope {
  private DnsScope() {}

  static final int TYPE_PTR = 12;
  private static final String REVERSE = ".in-addr.arpa";

  enum Kind { ANSWER, NXDOMAIN, FORWARD }

  /** @param addresses A records (host order ints) for ANSWER; ptrName the PTR target, or null */
  record Decision(Kind kind, List<Integer> addresses, String ptrName) {
    static Decision of(Kind k) {
      return new Decision(k, List.of(), null);
    }
  }

  /** The id of the container at {@code askerIp} on {@code networkId}, or null. */
  static String askerOf(List<Endpoint> all, String networkId, String askerIp) {
    return all.stream().filter(e -> e.networkId().equals(networkId) && e.ipv4().equals(askerIp))
        .map(Endpoint::containerId).findFirst().orElse(null);
  }

  /** The networks of the container at {@code askerIp} on {@code networkId} (just that one when unknown). */
  static Set<String> networksOf(List<Endpoint> all, String networkId, String askerIp) {
    String container = askerOf(all, networkId, askerIp);
    if (container == null) {
      return Set.of(networkId);
    }
    return all.stream().filter(e -> e.containerId().equals(container)).map(Endpoint::networkId)
        .collect(Collectors.toSet());
  }

  static Decision decide(List<Endpoint> all, String networkId, String askerIp, DnsMessage.Question q) {
    Set<String> scope = networksOf(all, networkId, askerIp);
    List<Endpoint> visible = all.stream().filter(e -> scope.contains(e.networkId())).toList();
    if (q.type() == TYPE_PTR && q.name().endsWith(REVERSE)) {
      String ip = reversed(q.name());
      return visible.stream().filter(e -> e.ipv4().equals(ip)).findFirst()
          .map(e -> new Decision(Kind.ANSWER, List.of(), e.containerName()))
          .orElse(Decision.of(Kind.FORWARD));
    }
    List<Integer> addresses = visible.stream().filter(e -> matches(e, q.name()))
        .map(e -> Ipv4Text.parse(e.ipv4())).distinct().toList();
    if (!addresses.isEmpty()) {
      // the name is ours: A gets the addresses; AAAA and the rest an empty NOERROR (no IPv6 here)
      return new Decision(Kind.ANSWER, q.type() == DnsMessage.TYPE_A ? addresses : List.of(), null);
    }
    return q.name().contains(".") ? Decision.of(Kind.FORWARD) : Decision.of(Kind.NXDOMAIN);
  }

  static boolean matches(Endpoint e, String name) {
    return name.equalsIgnoreCase(e.containerName())
        || e.aliases().stream().anyMatch(name::equalsIgnoreCase)
        || (name.length() >= 12 && e.containerId().startsWith(name));
  }

  /** "4.3.2.1.in-addr.arpa" -> "1.2.3.4"; null for anything else. */
  static String reversed(String name) {
    String[] p = name.substring(0, name.length() - REVERSE.length()).split("\\.");
    if (p.length != 4) {
      return null;
    }
    return p[3] + "." + p[2] + "." + p[1] + "." + p[0];
  }
}
