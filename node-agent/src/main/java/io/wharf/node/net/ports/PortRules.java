package io.wharf.node.net.ports;

import io.wharf.api.container.PublishedPorts.Published;
import java.util.ArrayList;
import java.util.List;

/**
 * The iptables rules that publish a container's ports, as data (nat table). Every rule carries the
 * comment {@code wharf:<container id>}, so {@code iptables-save | grep <id>} finds them.
 * <ul>
 *   <li>{@value #DNAT_CHAIN}, jumped to from PREROUTING and OUTPUT for local destinations: DNAT of
 *       the host port to the container (OUTPUT covers the host's own addresses and 127.0.0.1);
 *   <li>{@value #POST_CHAIN}, jumped to from POSTROUTING: MASQUERADE of 127.0.0.0/8 sources (a
 *       DNATed loopback packet leaves by the bridge, which needs route_localnet=1 there, and the
 *       container must answer the bridge address) and of the container to itself (hairpin: a
 *       container reaching its own published port through a host address).
 * </ul>
 * Forwarding is already allowed by WHARF-FWD's "ctstate DNAT" rule of each bridge.
 * route_localnet=1 would also let a container send packets to the host's 127.0.0.1 services through
 * its bridge: {@value #LOCAL_CHAIN} (filter, jumped to first from INPUT) drops new connections to
 * 127.0.0.0/8 that do not come by the loopback interface, as Kubernetes does for the same sysctl;
 * replies to a DNATed loopback connection are ESTABLISHED and pass.
 */
public final class PortRules {
  private PortRules() {}

  public static final String DNAT_CHAIN = "WHARF-DNAT";
  public static final String POST_CHAIN = "WHARF-POST";
  public static final String LOCAL_CHAIN = "WHARF-LOCAL";

  /** A rule of {@code chain} in the nat table. */
  public record Rule(String chain, List<String> spec) {
    public String[] specArray() {
      return spec.toArray(String[]::new);
    }
  }

  /** The jumps into Wharf's chains: (built-in chain, spec). */
  public static List<Rule> jumps() {
    return List.of(
        new Rule("PREROUTING", List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", DNAT_CHAIN)),
        new Rule("OUTPUT", List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", DNAT_CHAIN)),
        new Rule("POSTROUTING", List.of("-j", POST_CHAIN)));
  }

  /** The one rule of {@value #LOCAL_CHAIN} (filter table). */
  public static List<String> localGuard() {
    return List.of("!", "-i", "lo", "-d", "127.0.0.0/8", "-m", "conntrack", "!", "--ctstate",
        "RELATED,ESTABLISHED", "-j", "DROP");
  }

  /** The rules of one container whose address on its bridge is {@code containerIp}. */
  public static List<Rule> of(String containerId, String containerIp, List<Published> ports) {
    List<Rule> rules = new ArrayList<>();
    List<String> seenTargets = new ArrayList<>();
    for (Published p : ports) {
      String proto = p.protocol();
      String target = containerIp + ":" + p.containerPort();
      List<String> dnat = new ArrayList<>(List.of("-p", proto));
      if (!p.hostIp().equals(PortRequest.ANY_IP)) {
        dnat.addAll(List.of("-d", p.hostIp()));
      }
      dnat.addAll(List.of("-m", proto, "--dport", Integer.toString(p.hostPort())));
      dnat.addAll(comment(containerId));
      dnat.addAll(List.of("-j", "DNAT", "--to-destination", target));
      rules.add(new Rule(DNAT_CHAIN, dnat));
      if (seenTargets.contains(proto + target)) {
        continue;
      }
      seenTargets.add(proto + target);
      rules.add(masquerade(containerId, "127.0.0.0/8", containerIp, proto, p.containerPort()));
      rules.add(masquerade(containerId, containerIp + "/32", containerIp, proto, p.containerPort()));
    }
    return rules;
  }

  private static Rule masquerade(String id, String source, String containerIp, String proto, int port) {
    List<String> spec = new ArrayList<>(List.of("-s", source, "-d", containerIp + "/32", "-p", proto,
        "-m", proto, "--dport", Integer.toString(port)));
    spec.addAll(comment(id));
    spec.addAll(List.of("-j", "MASQUERADE"));
    return new Rule(POST_CHAIN, spec);
  }

  private static List<String> comment(String id) {
    return List.of("-m", "comment", "--comment", "wharf:" + id);
  }
}
