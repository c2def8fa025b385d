package io.wharf.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about this host that the node record advertises (read from /proc and /etc). */
public record HostFacts(int ncpu, long memTotal, String kernelVersion, String operatingSystem) {

  public static HostFacts read() {
    return new HostFacts(Runtime.getRuntime().availableProcessors(), readMemTotal(), readKernel(), readOs());
  }

  static long readMemTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  static String readKernel() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }

  static String readOs() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      return "Linux";
    }
    return "Linux";
  }
}
