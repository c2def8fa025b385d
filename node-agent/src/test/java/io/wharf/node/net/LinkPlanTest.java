package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkPlanTest {
  private static final String CID = "0123456789abcdef0123456789abcdef";

  private static NetworkRecord net(String name, boolean internal) {
    return new NetworkRecord("f91028db98953cad78511d96722090ef", name, "bridge", "t", internal, false, Map.of(),
        Map.of(), List.of(new IpamPool("10.5.0.0/24", "10.5.0.1", null, null)));
  }

  private static final Endpoint EP = new Endpoint("ep", "f91028db9895", CID, "web", "10.5.0.7", 24, "10.5.0.1",
      "02:42:0a:05:00:07", List.of());

  @Test
  void userNetworkPlan() {
    assertEquals(new LinkPlan(CID, "wh-f91028db9895", "10.5.0.1/24", "10.5.0.0/24", false, "wv01234567890",
        "eth0", "10.5.0.7/24", "02:42:0a:05:00:07", "10.5.0.1"), LinkPlan.of(CID, net("app", false), EP, 0));
  }

  @Test
  void defaultBridgeIsWharf0AndNamesFitIfnamsiz() {
    LinkPlan p = LinkPlan.of(CID, net("bridge", false), EP, 1);
    assertEquals("wharf0", p.bridge());
    assertEquals("eth1", p.ifName());
    assertTrue(p.hostVeth().length() <= 15 && LinkPlan.of(CID, net("x", false), EP, 0).bridge().length() <= 15);
  }

  @Test
  void internalNetworksDropEverythingLeavingTheBridge() {
    List<String> rules = FirewallRules.filter("wh-x", true).stream().map(r -> String.join(" ", r)).toList();
    assertEquals(List.of("-i wh-x -o wh-x -j ACCEPT",
        "-o wh-x -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
        "-i wh-x -j DROP",
        "-o wh-x -m conntrack --ctstate DNAT -j ACCEPT",
        "-o wh-x -j DROP"), rules);
  }

  @Test
  void otherNetworksAreIsolatedButEgressIsAllowed() {
    List<String> rules = FirewallRules.filter("wh-x", false).stream().map(r -> String.join(" ", r)).toList();
    assertTrue(rules.indexOf("-i wh-x -o wh-+ -j DROP") < rules.indexOf("-i wh-x -j ACCEPT"));
    assertTrue(rules.contains("-i wh-x -o wharf0 -j DROP"));
    assertEquals("-s 10.5.0.0/24 ! -o wh-x -j MASQUERADE", String.join(" ", FirewallRules.masquerade("10.5.0.0/24", "wh-x")));
  }
}
