package io.wharf.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's name (the kernel's UTS nodename), which Docker gives a container that shares the host's
 * UTS or network namespace and sets no --hostname: its HOSTNAME env and /etc/hostname show it.
 */
final class HostName {
  private HostName() {}

  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  static String read() {
    try {
      String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).trim();
      return name.isEmpty() ? "localhost" : name;
    } catch (IOException e) {
      return "localhost";
    }
  }
}
