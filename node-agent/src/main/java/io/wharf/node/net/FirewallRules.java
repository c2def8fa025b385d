package io.wharf.node.net;

import java.util.ArrayList;
import java.util.List;

/** The iptables rule specs of one bridge, as data (order matters within the chain). */
public final class FirewallRules {
  private FirewallRules() {}

  /** Rules of {@link LinkApplier#CHAIN} for a bridge: same-bridge, replies, isolation, egress. */
  public static List<String[]> filter(String bridge, boolean internal) {
    List<String[]> rules = new ArrayList<>();
    rules.add(new String[] {"-i", bridge, "-o", bridge, "-j", "ACCEPT"});
    rules.add(new String[] {"-o", bridge, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"});
    if (internal) {
      rules.add(new String[] {"-i", bridge, "-j", "DROP"});
    } else {
      rules.add(new String[] {"-i", bridge, "-o", "wharf0", "-j", "DROP"});
      rules.add(new String[] {"-i", bridge, "-o", "wh-+", "-j", "DROP"});
      rules.add(new String[] {"-i", bridge, "-j", "ACCEPT"});
    }
    rules.add(new String[] {"-o", bridge, "-m", "conntrack", "--ctstate", "DNAT", "-j", "ACCEPT"});
    rules.add(new String[] {"-o", bridge, "-j", "DROP"});
    return rules;
  }

  /** Egress NAT for a non-internal network: its subnet leaving by any other interface. */
  public static String[] masquerade(String subnet, String bridge) {
    return new String[] {"-s", subnet, "!", "-o", bridge, "-j", "MASQUERADE"};
  }
}
