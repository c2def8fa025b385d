package io.wharf.node.net;

import io.wharf.node.runtime.HostCommand;
import java.util.List;

/** Removal of Wharf's filter chain once no rule is left in it (another daemon may still use it). */
final class ChainCleanup {
  private ChainCleanup() {}

  static void chainEmptyThenDelete(HostNet net, String chain) {
    HostCommand.Result r = HostCommand.run(List.of("iptables", "-w", "-S", chain), 10_000);
    if (r.ok() && r.stdout().strip().lines().count() == 1) {
      net.tryRun("iptables", "-w", "-D", "FORWARD", "-j", chain);
      net.tryRun("iptables", "-w", "-X", chain);
    }
  }
}
