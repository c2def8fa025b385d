package io.wharf.node.net.ports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.PublishedPorts.Published;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
  /** A host where {@code taken} ports are held by someone else; records what it holds. */
  private static final class FakeHost implements PortAllocator.Binder {
    final Set<String> taken = new HashSet<>();

    @Override
    public AutoCloseable bind(String protocol, String ip, int port) throws IOException {
      String key = protocol + "/" + port;
      if (!taken.add(key)) {
        throw new BindException("Address already in use");
      }
      return () -> taken.remove(key);
    }
  }

  @Test
  void fixedPortsAndConflicts() {
    FakeHost host = new FakeHost();
    PortAllocator a = new PortAllocator(host, 40000, 40010);
    assertEquals(List.of(new Published("80/tcp", "0.0.0.0", 8080)),
        a.allocate("c1", List.of(new PortRequest("80/tcp", "0.0.0.0", 8080, 8080))));
    var e = assertThrows(PortAllocator.PortUnavailable.class,
        () -> a.allocate("c2", List.of(new PortRequest("80/tcp", "0.0.0.0", 8080, 8080))));
    assertEquals("Bind for 0.0.0.0:8080 failed: port is already allocated", e.getMessage());
    a.release("c1");
    assertEquals(8080, a.allocate("c2", List.of(new PortRequest("80/tcp", "0.0.0.0", 8080, 8080))).get(0).hostPort());
  }

  @Test
  void aStartedAgainContainerGetsItsLastPortsBackWhileTheyAreFree() {
    FakeHost host = new FakeHost();
    PortAllocator a = new PortAllocator(host, 40000, 40999);
    List<PortRequest> asks = List.of(new PortRequest("80/tcp", "0.0.0.0", 0, 0),
        new PortRequest("53/udp", "0.0.0.0", 0, 0), new PortRequest("81/tcp", "0.0.0.0", 8000, 8010));
    List<Published> first = a.allocate("c1", asks);
    a.release("c1");
    assertEquals(first, a.allocate("c1", asks, first));
    a.release("c1");
    // someone took the random tcp port meanwhile: that one is picked afresh, the others stay
    host.taken.add("tcp/" + first.get(0).hostPort());
    List<Published> third = a.allocate("c1", asks, first);
    assertTrue(third.get(0).hostPort() != first.get(0).hostPort());
    assertEquals(first.subList(1, 3), third.subList(1, 3));
  }

  @Test
  void aPreviousPortOnlyServesTheSameContainerPortAddressAndRange() {
    List<Published> last = new java.util.ArrayList<>(List.of(new Published("80/tcp", "0.0.0.0", 41000),
        new Published("80/tcp", "127.0.0.1", 41001)));
    assertEquals(null, PortAllocator.preferred(new PortRequest("81/tcp", "0.0.0.0", 0, 0), last));
    assertEquals(null, PortAllocator.preferred(new PortRequest("80/tcp", "0.0.0.0", 8000, 8010), last));
    assertEquals(41001, PortAllocator.preferred(new PortRequest("80/tcp", "127.0.0.1", 0, 0), last).hostPort());
    assertEquals(41000, PortAllocator.preferred(new PortRequest("80/tcp", "0.0.0.0", 41000, 41005), last).hostPort());
    assertTrue(last.isEmpty());
  }

  @Test
  void allOrNothing() {
    FakeHost host = new FakeHost();
    host.taken.add("tcp/9000");
    PortAllocator a = new PortAllocator(host, 40000, 40010);
    assertThrows(PortAllocator.PortUnavailable.class, () -> a.allocate("c1", List.of(
        new PortRequest("80/tcp", "0.0.0.0", 8080, 8080), new PortRequest("81/tcp", "0.0.0.0", 9000, 9000))));
    assertEquals(Set.of("tcp/9000"), host.taken, "8080 was given back");
  }

  @Test
  void rangesTakeTheFirstFreePortAndRandomStaysInTheEphemeralRange() {
    FakeHost host = new FakeHost();
    host.taken.add("tcp/8000");
    PortAllocator a = new PortAllocator(host, 40000, 40003);
    assertEquals(8001, a.allocate("c1", List.of(new PortRequest("80/tcp", "0.0.0.0", 8000, 8001))).get(0).hostPort());
    assertThrows(PortAllocator.PortUnavailable.class,
        () -> a.allocate("c2", List.of(new PortRequest("80/tcp", "0.0.0.0", 8000, 8001))));
    for (int i = 0; i < 4; i++) {
      int port = a.allocate("r" + i, List.of(new PortRequest("80/tcp", "0.0.0.0", 0, 0))).get(0).hostPort();
      assertTrue(port >= 40000 && port <= 40003, "port " + port);
    }
    var e = assertThrows(PortAllocator.PortUnavailable.class,
        () -> a.allocate("full", List.of(new PortRequest("80/tcp", "0.0.0.0", 0, 0))));
    assertTrue(e.getMessage().endsWith("port is already allocated"));
  }

  @Test
  void tcpAndUdpAreSeparatePorts() {
    PortAllocator a = new PortAllocator(new FakeHost(), 40000, 40010);
    a.allocate("c1", List.of(new PortRequest("53/tcp", "0.0.0.0", 5300, 5300)));
    assertEquals(5300, a.allocate("c2", List.of(new PortRequest("53/udp", "0.0.0.0", 5300, 5300))).get(0).hostPort());
  }

  @Test
  void realSocketsSeeAPortAnotherProcessListensOn() throws IOException {
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = other.getLocalPort();
      PortAllocator a = PortAllocator.onHost();
      var e = assertThrows(PortAllocator.PortUnavailable.class,
          () -> a.allocate("c1", List.of(new PortRequest("80/tcp", "127.0.0.1", port, port))));
      assertEquals("Bind for 127.0.0.1:" + port + " failed: port is already allocated", e.getMessage());
      int mine = a.allocate("c2", List.of(new PortRequest("80/tcp", "127.0.0.1", 0, 0))).get(0).hostPort();
      assertThrows(BindException.class, () -> new ServerSocket(mine, 1, InetAddress.getByName("127.0.0.1")).close(),
          "a published port is held");
      a.release("c2");
      new ServerSocket(mine, 1, InetAddress.getByName("127.0.0.1")).close();
    }
  }

  @Test
  void ephemeralRangeText() {
    int[] fallback = {49153, 60999};
    assertArrayEquals(new int[] {32768, 60999}, PortAllocator.ephemeralRange("32768\t60999", fallback));
    assertArrayEquals(fallback, PortAllocator.ephemeralRange("3", fallback));
    assertArrayEquals(fallback, PortAllocator.ephemeralRange(null, fallback));
    assertArrayEquals(fallback, PortAllocator.ephemeralRange("9000 80", fallback));
  }
}
