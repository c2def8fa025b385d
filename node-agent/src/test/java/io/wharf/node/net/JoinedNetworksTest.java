package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.network.NetworkRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's network connect/disconnect events: one per network joined and left, none twice. */
class JoinedNetworksTest {
  private final List<String> events = new ArrayList<>();
  private final JoinedNetworks joined = new JoinedNetworks();

  JoinedNetworksTest() {
    joined.publishTo((action, network, container) -> events.add(action + " " + network.name() + " " + container));
  }

  private static NetworkRecord net(String name) {
    return new NetworkRecord("id-" + name, name, "bridge", null, false, false, null, null, null);
  }

  @Test
  void startAndStopSendOneEventPerNetwork() {
    joined.joined("c", List.of(net("front"), net("back")));
    joined.leftAll("c");
    joined.leftAll("c");
    assertEquals(List.of("connect front c", "connect back c", "disconnect front c", "disconnect back c"), events);
  }

  @Test
  void liveConnectAndDisconnectSendTheirsAndTheStopTheRest() {
    joined.joined("c", List.of(net("front")));
    joined.joined("c", List.of(net("back")));
    joined.left("c", net("front"));
    joined.left("c", net("front"));
    joined.left("c", net("never"));
    joined.leftAll("c");
    assertEquals(List.of("connect front c", "connect back c", "disconnect front c", "disconnect back c"), events);
  }

  @Test
  void adoptedNetworksSendNoConnectButTheirDisconnectAtStop() {
    joined.rejoined("c", List.of(net("front")));
    joined.leftAll("c");
    assertEquals(List.of("disconnect front c"), events);
  }
}
