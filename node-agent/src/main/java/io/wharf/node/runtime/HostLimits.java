package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this host lets the agent hand to a container: the agent's own hard rlimits (a container may
 * not exceed them: runc fails with "error setting rlimit type N: operation not permitted") and the
 * capability bounding set (a cap outside it fails "unable to apply caps").
 *
 * @param hardLimits hard limit per OCI rlimit type ("RLIMIT_NOFILE"); {@link #UNLIMITED} for unlimited
 * @param capBoundingSet the CapBnd bit mask (bit n = capability number n)
 */
public record HostLimits(Map<String, Long> hardLimits, long capBoundingSet) {

  public static final long UNLIMITED = Long.MAX_VALUE;

  /** The /proc/self/limits row names and their OCI rlimit types. */
  private static final Map<String, String> ROWS = Map.ofEntries(
      Map.entry("Max cpu time", "RLIMIT_CPU"),
      Map.entry("Max file size", "RLIMIT_FSIZE"),
      Map.entry("Max data size", "RLIMIT_DATA"),
      Map.entry("Max stack size", "RLIMIT_STACK"),
      Map.entry("Max core file size", "RLIMIT_CORE"),
      Map.entry("Max resident set", "RLIMIT_RSS"),
      Map.entry("Max processes", "RLIMIT_NPROC"),
      Map.entry("Max open files", "RLIMIT_NOFILE"),
      Map.entry("Max locked memory", "RLIMIT_MEMLOCK"),
      Map.entry("Max address space", "RLIMIT_AS"),
      Map.entry("Max file locks", "RLIMIT_LOCKS"),
      Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
      Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"),
      Map.entry("Max nice priority", "RLIMIT_NICE"),
      Map.entry("Max realtime priority", "RLIMIT_RTPRIO"),
      Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

  /** A host with no limits and every capability 0..40: for tests and hosts without /proc. */
  public static HostLimits unrestricted() {
    return new HostLimits(Map.of(), (1L << 41) - 1);
  }

  /** Reads the JVM's own limits. Blocks (file reads). */
  public static HostLimits ofThisProcess() {
    try {
      return new HostLimits(
          parseLimits(Files.readAllLines(Path.of("/proc/self/limits"))),
          parseCapBnd(Files.readAllLines(Path.of("/proc/self/status"))));
    } catch (IOException e) {
      throw WharfException.internal("cannot read this process's limits: " + e.getMessage(), e);
    }
  }

  /** Parses /proc/self/limits into hard limits per OCI rlimit type. */
  public static Map<String, Long> parseLimits(List<String> lines) {
    Map<String, Long> hard = new LinkedHashMap<>();
    for (String line : lines) {
      for (Map.Entry<String, String> row : ROWS.entrySet()) {
        if (line.startsWith(row.getKey() + " ")) {
          String[] cols = line.substring(row.getKey().length()).trim().split("\\s+");
          if (cols.length >= 2) {
            hard.put(row.getValue(), "unlimited".equals(cols[1]) ? UNLIMITED : Long.parseLong(cols[1]));
          }
        }
      }
    }
    return hard;
  }

  /** Parses the CapBnd line of /proc/self/status (hex mask). */
  public static long parseCapBnd(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("CapBnd:")) {
        return Long.parseUnsignedLong(line.substring("CapBnd:".length()).trim(), 16);
      }
    }
    throw new IllegalArgumentException("no CapBnd line in status");
  }

  /** {@code value} lowered to this host's hard limit of {@code type} (unknown types pass unchanged). */
  public long clamp(String type, long value) {
    Long hard = hardLimits.get(type);
    return hard == null ? value : Math.min(value, hard);
  }

  /** Whether capability number {@code bit} is in the bounding set. */
  public boolean allowsCap(int bit) {
    return bit >= 0 && bit < 64 && (capBoundingSet >>> bit & 1L) == 1L;
  }
}
