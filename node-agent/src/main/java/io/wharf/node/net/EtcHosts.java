package io.wharf.node.net;

import java.util.List;

/**
 * A container's /etc/hosts as Docker writes it: the fixed localhost/IPv6 block, then one line per
 * {@code --add-host} ({@code ip<TAB>name}, in the order given), then the container's own address
 * with {@code hostname.domainname hostname} (just the hostname without a domain). Pure.
 */
public final class EtcHosts {
  private EtcHosts() {}

  /** The address a container without a network interface gets for its own name. */
  public static final String LOOPBACK_SELF = "127.0.1.1";
  public static final String HOST_GATEWAY = "host-gateway";

  private static final String DEFAULTS = "127.0.0.1\tlocalhost\n"
      + "::1\tlocalhost ip6-localhost ip6-loopback\n"
      + "fe00::0\tip6-localnet\n"
      + "ff00::0\tip6-mcastprefix\n"
      + "ff02::1\tip6-allnodes\n"
      + "ff02::2\tip6-allrouters\n";

  /**
   * @param selfIp the container's address ({@link #LOOPBACK_SELF} without an interface)
   * @param extraHosts {@code name:ip} or {@code name=ip} entries, already validated
   * @param hostGateway what {@code host-gateway} stands for (the address of the host on the
   *     container's bridge); entries naming it are left out when null
   */
  public static String render(String hostname, String domainname, String selfIp, List<String> extraHosts,
      String hostGateway) {
    StringBuilder out = new StringBuilder(DEFAULTS);
    for (String entry : extraHosts) {
      int sep = entry.indexOf('=') >= 0 ? entry.indexOf('=') : entry.indexOf(':');
      if (sep <= 0) {
        continue;
      }
      String ip = entry.substring(sep + 1);
      if (ip.equals(HOST_GATEWAY)) {
        ip = hostGateway;
      }
      if (ip != null && ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      if (ip != null) {
        out.append(ip).append('\t').append(entry, 0, sep).append('\n');
      }
    }
    return out.append(selfLine(hostname, domainname, selfIp)).toString();
  }

  /** The container's own line for one of its addresses: {@code ip<TAB>[hostname.domain ]hostname\n}. */
  static String selfLine(String hostname, String domainname, String ip) {
    String fqdn = domainname != null && !domainname.isEmpty() ? hostname + "." + domainname + " " : "";
    return ip + "\t" + fqdn + hostname + "\n";
  }

  /**
   * A live {@code network connect}: Docker appends the container's own line for the new address
   * (libnetwork's sandbox adds it when the endpoint joins); nothing changes when it is there.
   */
  public static String withLine(String hosts, String line) {
    if (hosts.lines().anyMatch(l -> (l + "\n").equals(line))) {
      return hosts;
    }
    return (hosts.isEmpty() || hosts.endsWith("\n") ? hosts : hosts + "\n") + line;
  }

  /** A live {@code network disconnect}: that line goes (every copy of it), the rest stays as it is. */
  public static String withoutLine(String hosts, String line) {
    StringBuilder out = new StringBuilder();
    hosts.lines().filter(l -> !(l + "\n").equals(line)).forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }
}
