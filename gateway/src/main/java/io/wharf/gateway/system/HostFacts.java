package io.wharf.gateway.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Facts about the host the gateway runs on, for {@code /version} and {@code /info}. Reading them
 * touches /proc, /sys and /etc: {@link #read(Path)} BLOCKS; call it off the event loop, once.
 *
 * @param cgroupVersion "1" or "2"
 */
public record HostFacts(String hostname, String kernelVersion, String operatingSystem, String osVersion,
    String cgroupVersion, int ncpu, long memTotal) {

  /** Reads the facts below {@code root} ("/" normally; tests point it at a fake tree). */
  public static HostFacts read(Path root) {
    return new HostFacts(
        firstLine(root.resolve("proc/sys/kernel/hostname"), "localhost"),
        firstLine(root.resolve("proc/sys/kernel/osrelease"), System.getProperty("os.version")),
        osRelease(root, "PRETTY_NAME", "Linux"),
        osRelease(root, "VERSION_ID", ""),
        Files.exists(root.resolve("sys/fs/cgroup/cgroup.controllers")) ? "2" : "1",
        Runtime.getRuntime().availableProcessors(),
        memTotal(root.resolve("proc/meminfo")));
  }

  static String osRelease(Path root, String key, String dflt) {
    for (Path p : List.of(root.resolve("etc/os-release"), root.resolve("usr/lib/os-release"))) {
      for (String line : lines(p)) {
        if (line.startsWith(key + "=")) {
          return unquote(line.substring(key.length() + 1).trim());
        }
      }
    }
    return dflt;
  }

  /** MemTotal of /proc/meminfo in bytes, or 0 if unreadable. */
  static long memTotal(Path meminfo) {
    for (String line : lines(meminfo)) {
      if (line.startsWith("MemTotal:")) {
        String[] parts = line.substring(9).trim().split("\\s+");
        try {
          return Long.parseLong(parts[0]) * 1024;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
        ? v.substring(1, v.length() - 1) : v;
  }

  private static String firstLine(Path p, String dflt) {
    List<String> lines = lines(p);
    return lines.isEmpty() || lines.get(0).isBlank() ? dflt : lines.get(0).trim();
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
