package io.wharf.node.net.ports;

import io.wharf.api.container.PublishedPorts.Published;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Host ports for published container ports, on this host. A port is taken by binding a socket to
 * it (TCP: bound, never listening; UDP: bound) and holding it while the container publishes it:
 * the kernel is the one arbiter against other Wharf containers and every other process, no other
 * process can bind a port Wharf publishes, and a port some process holds is refused with Docker's
 * "port is already allocated". DNAT rewrites packets before they could reach the held socket.
 * Random ports come from the kernel's ephemeral range. A container started again asks for the
 * host ports it had ({@code previous}): each request whose last port is still free gets it back,
 * as Docker keeps a random mapping across stop/start and restart. Blocking (socket calls): call
 * from a worker.
 */
public final class PortAllocator {
  /** Takes a port by binding a socket to it; the returned handle releases it. */
  public interface Binder {
    AutoCloseable bind(String protocol, String ip, int port) throws IOException;
  }

  private final Binder binder;
  private final int rangeLow;
  private final int rangeHigh;
  private final Map<String, List<AutoCloseable>> held = new ConcurrentHashMap<>();

  public PortAllocator(Binder binder, int rangeLow, int rangeHigh) {
    this.binder = binder;
    this.rangeLow = rangeLow;
    this.rangeHigh = rangeHigh;
  }

  /** Real sockets; the range of {@code /proc/sys/net/ipv4/ip_local_port_range} (Docker's default otherwise). */
  public static PortAllocator onHost() {
    int[] range = {49153, 60999};
    try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      // a procfs file has no size: read it as a stream (Files.readString returns a truncated text)
      range = ephemeralRange(in.readLine(), range);
    } catch (IOException e) {
      // keep Docker's fallback range
    }
    return new PortAllocator(PortAllocator::bindSocket, range[0], range[1]);
  }

  /** "32768\t60999" -&gt; {32768, 60999}; {@code fallback} for anything else. */
  static int[] ephemeralRange(String text, int[] fallback) {
    String[] r = text == null ? new String[0] : text.trim().split("\\s+");
    try {
      int low = Integer.parseInt(r[0]);
      int high = Integer.parseInt(r[1]);
      return low >= 1 && low <= high && high <= 65535 ? new int[] {low, high} : fallback;
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /**
   * Takes a host port for every request, all or nothing: on a failure the ports already taken are
   * given back and {@link PortUnavailable} names the binding.
   */
  public List<Published> allocate(String containerId, List<PortRequest> requests) {
    return allocate(containerId, requests, List.of());
  }

  /** As {@link #allocate(String, List)}, trying first the host port each request had last time. */
  public List<Published> allocate(String containerId, List<PortRequest> requests, List<Published> previous) {
    List<AutoCloseable> mine = new ArrayList<>();
    List<Published> out = new ArrayList<>();
    List<Published> unused = new ArrayList<>(previous);
    try {
      for (PortRequest r : requests) {
        Published again = takeAgain(r, preferred(r, unused), mine);
        out.add(again != null ? again : take(r, mine));
      }
    } catch (RuntimeException e) {
      closeAll(mine);
      throw e;
    }
    held.merge(containerId, mine, (a, b) -> {
      List<AutoCloseable> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    });
    return out;
  }

  /**
   * Takes again the ports a container published before this process started (live-restore);
   * returns the bindings it could not take (another process got the port meanwhile).
   */
  public List<Published> reclaim(String containerId, List<Published> ports) {
    List<AutoCloseable> mine = new ArrayList<>();
    List<Published> lost = new ArrayList<>();
    for (Published p : ports) {
      try {
        mine.add(binder.bind(p.protocol(), p.hostIp(), p.hostPort()));
      } catch (IOException e) {
        lost.add(p);
      }
    }
    held.put(containerId, mine);
    return lost;
  }

  /** Gives back every port of the container; none held is fine. */
  public void release(String containerId) {
    List<AutoCloseable> mine = held.remove(containerId);
    if (mine != null) {
      closeAll(mine);
    }
  }

  /**
   * The last binding of the same container port and host address that the request allows (any
   * port for a random one, one inside its range otherwise); taken out of {@code unused}. Null when none.
   */
  static Published preferred(PortRequest r, List<Published> unused) {
    for (Published p : unused) {
      boolean fits = r.random() || (p.hostPort() >= r.low() && p.hostPort() <= r.high());
      if (p.port().equals(r.port()) && p.hostIp().equals(r.hostIp()) && fits) {
        unused.remove(p);
        return p;
      }
    }
    return null;
  }

  /** Binds the port of {@code last} again; null when there is none or it is no longer free. */
  private Published takeAgain(PortRequest r, Published last, List<AutoCloseable> mine) {
    if (last == null) {
      return null;
    }
    try {
      mine.add(binder.bind(r.protocol(), r.hostIp(), last.hostPort()));
      return new Published(r.port(), r.hostIp(), last.hostPort());
    } catch (IOException e) {
      return null;
    }
  }

  private Published take(PortRequest r, List<AutoCloseable> mine) {
    int low = r.random() ? rangeLow : r.low();
    int high = r.random() ? rangeHigh : r.high();
    int size = high - low + 1;
    int start = r.random() ? ThreadLocalRandom.current().nextInt(size) : 0;
    IOException last = null;
    for (int i = 0; i < size; i++) {
      int port = low + (start + i) % size;
      try {
        mine.add(binder.bind(r.protocol(), r.hostIp(), port));
        return new Published(r.port(), r.hostIp(), port);
      } catch (IOException e) {
        last = e;
        if (!inUse(e)) {
          break;
        }
      }
    }
    throw new PortUnavailable(r, last == null || inUse(last) ? "port is already allocated" : reason(last));
  }

  private static boolean inUse(IOException e) {
    return e.getMessage() != null && e.getMessage().toLowerCase().contains("address already in use");
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase();
  }

  private static void closeAll(List<AutoCloseable> handles) {
    for (AutoCloseable c : handles) {
      try {
        c.close();
      } catch (Exception e) {
        // a socket that cannot close is gone with the process anyway
      }
    }
  }

  private static AutoCloseable bindSocket(String protocol, String ip, int port) throws IOException {
    InetSocketAddress at = new InetSocketAddress(java.net.InetAddress.getByName(ip), port);
    if (protocol.equals("udp")) {
      DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
      try {
        return ch.bind(at);
      } catch (IOException e) {
        ch.close();
        throw e;
      }
    }
    SocketChannel ch = SocketChannel.open(java.net.StandardProtocolFamily.INET);
    try {
      return ch.bind(at);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /** No host port could be taken for a request (HTTP 500, Docker's wording in {@link #getMessage}). */
  public static final class PortUnavailable extends RuntimeException {
    public PortUnavailable(PortRequest r, String why) {
      super("Bind for " + r.hostText() + " failed: " + why);
    }
  }
}
