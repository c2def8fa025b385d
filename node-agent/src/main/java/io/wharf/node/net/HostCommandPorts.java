package io.wharf.node.net;

import io.wharf.node.runtime.HostCommand;
import java.util.List;

/** Whether a bridge still has ports ({@code ip -o link show master <bridge>}). Blocking. */
final class HostCommandPorts {
  boolean hasPorts(String bridge) {
    HostCommand.Result r = HostCommand.run(List.of("ip", "-o", "link", "show", "master", bridge), 10_000);
    return r.ok() && !r.stdout().isBlank();
  }
}
