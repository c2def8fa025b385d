package io.wharf.node.stats;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's network counters as {@code docker stats} shows them (NET I/O): the interfaces of its
 * network namespace read from {@code /proc/<pid>/net/dev} of its init process, loopback left out as
 * dockerd does. Field names follow Docker's {@code networks.<if>} object.
 */
public record NetDevCounters(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes,
    long txPackets, long txErrors, long txDropped) {

  /** The counters of every non-loopback interface of the process's namespace; empty when unreadable. */
  public static Map<String, NetDevCounters> read(Path netDev) {
    return parse(CgroupFiles.lines(netDev));
  }

  /** Parses /proc/net/dev: two header lines, then "name: 8 receive fields, 8 transmit fields". */
  static Map<String, NetDevCounters> parse(List<String> lines) {
    Map<String, NetDevCounters> out = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String[] f = line.substring(colon + 1).strip().split("\\s+");
      if (name.equals("lo") || f.length < 16) {
        continue;
      }
      try {
        out.put(name, new NetDevCounters(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
            Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
            Long.parseLong(f[11])));
      } catch (NumberFormatException e) {
        // a line that is not a counter row (a header variant): skipped
      }
    }
    return out;
  }
}
