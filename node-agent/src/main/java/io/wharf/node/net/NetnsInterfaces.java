package io.wharf.node.net;

import io.wharf.node.runtime.HostCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interfaces inside a container's namespace, by name with their MAC. A daemon restarted
 * while containers kept running (live-restore) has no memory of their links: a live connect
 * then still picks a free {@code eth<n>}, and a disconnect finds the interface by the endpoint's
 * MAC. Blocking.
 */
final class NetnsInterfaces {
  private NetnsInterfaces() {}

  /** Name to MAC ("" when it has none); empty when the namespace does not exist. */
  static Map<String, String> of(String netns) {
    HostCommand.Result r = HostCommand.run(List.of("ip", "-n", netns, "-o", "link"), 10_000);
    return r.ok() ? parse(r.stdout()) : Map.of();
  }

  /** Parses {@code ip -o link}: "2: eth0@if818: <...> ...\    link/ether 02:42:.. brd ..". */
  static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.split(": ", 3);
      if (parts.length < 3) {
        continue;
      }
      String name = parts[1].contains("@") ? parts[1].substring(0, parts[1].indexOf('@')) : parts[1];
      int ether = line.indexOf("link/ether ");
      String mac = ether < 0 ? "" : line.substring(ether + "link/ether ".length()).split("\\s+")[0];
      out.put(name.trim(), mac);
    }
    return out;
  }

  /** The {@code eth<n>} index of the interface with this MAC, or -1. */
  static int indexWithMac(Map<String, String> interfaces, String mac) {
    for (Map.Entry<String, String> e : interfaces.entrySet()) {
      if (e.getValue().equalsIgnoreCase(mac) && e.getKey().matches("eth\\d+")) {
        return Integer.parseInt(e.getKey().substring(3));
      }
    }
    return -1;
  }
}
