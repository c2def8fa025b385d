package io.wharf.launcher;

import io.wharf.api.WharfException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that --bind is one of this host's addresses before Hazelcast tries it (Hazelcast's own
 * failure is a page of stack traces about interface matching). Reads the interface list: fast,
 * but a syscall, so call it off the event loop.
 */
final class LocalAddresses {
  private LocalAddresses() {}

  /** @throws WharfException INVALID_ARGUMENT naming the host's addresses when ip is not one */
  static void requireLocal(String ip) {
    try {
      if (NetworkInterface.getByInetAddress(InetAddress.getByName(ip)) != null) {
        return;
      }
      throw WharfException.invalid("--bind " + ip + " is not an address of this host (its addresses: "
          + String.join(", ", all()) + ")");
    } catch (UnknownHostException | SocketException e) {
      throw WharfException.invalid("--bind " + ip + ": " + e.getMessage());
    }
  }

  private static List<String> all() throws SocketException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses)
        .map(a -> a.getHostAddress().replaceFirst("%.*$", ""))
        .sorted()
        .collect(Collectors.toList());
  }
}
