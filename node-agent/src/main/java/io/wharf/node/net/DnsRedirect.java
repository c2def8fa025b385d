package io.wharf.node.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes 127.0.0.11:53 inside a container's namespace reach the embedded DNS on its gateway, as
 * Docker's address: nat OUTPUT DNAT (UDP and TCP) to {@code gateway:53}, POSTROUTING SNAT of the
 * loopback source to the container's own address (so the responder knows the asker, and the
 * reply comes back through conntrack), and {@code route_localnet} on the interface, without
 * which the kernel refuses to route a 127/8 source out of it. One process per container:
 * {@code ip netns exec <ns> sh -c 'sysctl && iptables-restore --noflush'}. Blocking.
 */
public final class DnsRedirect {
  private final HostNet net;

  public DnsRedirect(HostNet net) {
    this.net = net;
  }

  /** The iptables-restore input for one container. */
  static String rules(String gateway, String containerIp) {
    StringBuilder out = new StringBuilder("*nat\n");
    for (String proto : List.of("udp", "tcp")) {
      out.append("-A OUTPUT -d ").append(ResolvConf.EMBEDDED_DNS).append("/32 -p ").append(proto)
          .append(" --dport 53 -j DNAT --to-destination ").append(gateway).append(":53\n");
    }
    for (String proto : List.of("udp", "tcp")) {
      out.append("-A POSTROUTING -s 127.0.0.0/8 -d ").append(gateway).append("/32 -p ").append(proto)
          .append(" --dport 53 -j SNAT --to-source ").append(containerIp).append('\n');
    }
    return out.append("COMMIT\n").toString();
  }

  /** Installs the redirect in a fresh namespace (one whose nat table has none of it yet). */
  public void install(String netns, String ifName, String gateway, String containerIp) {
    apply(netns, ifName, gateway, containerIp, "iptables-restore --noflush ");
  }

  /**
   * For a namespace that outlived the agent: {@code route_localnet} set again (a re-made veth lost
   * it), the rules restored unless the UDP DNAT is still there. One process too.
   */
  public void ensure(String netns, String ifName, String gateway, String containerIp) {
    String check = "iptables -w -t nat -C OUTPUT -d " + ResolvConf.EMBEDDED_DNS + "/32 -p udp --dport 53 -j DNAT"
        + " --to-destination " + gateway + ":53";
    apply(netns, ifName, gateway, containerIp, check + " 2>/dev/null || iptables-restore --noflush ");
  }

  /**
   * Points the redirect through another interface: the namespace's nat table (which holds nothing
   * but the redirect) is replaced whole.
   */
  public void replace(String netns, String ifName, String gateway, String containerIp) {
    apply(netns, ifName, gateway, containerIp, "iptables-restore ");
  }

  private void apply(String netns, String ifName, String gateway, String containerIp, String restore) {
    Path file = null;
    try {
      file = Files.createTempFile("wharf-dns", ".rules");
      Files.writeString(file, rules(gateway, containerIp));
      net.run("ip", "netns", "exec", netns, "sh", "-c",
          "echo 1 > /proc/sys/net/ipv4/conf/" + ifName + "/route_localnet && " + restore + file);
    } catch (IOException e) {
      throw io.wharf.api.WharfException.internal("cannot write the DNS redirect rules: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }
}
