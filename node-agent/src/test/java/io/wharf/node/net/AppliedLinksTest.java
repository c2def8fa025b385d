package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedLinksTest {
  private static LinkPlan plan(String ifName) {
    return new LinkPlan("c", "wh-x", "10.0.0.1/24", "10.0.0.0/24", false, "wvc" + ifName, ifName, "10.0.0.2/24",
        "02:42:0a:00:00:02", "10.0.0.1");
  }

  @Test
  void indexesAreTheLowestFreeOnesAndComeBackOnDisconnect() {
    AppliedLinks links = new AppliedLinks();
    assertEquals(0, links.freeIndex("c"));
    links.put("c", "net-a", plan("eth0"));
    links.put("c", "net-b", plan("eth1"));
    assertEquals(2, links.freeIndex("c"));
    assertEquals(0, links.freeIndex("other"));
    assertEquals(plan("eth0"), links.remove("c", "net-a"));
    assertEquals(0, links.freeIndex("c"), "eth0 is free again after a disconnect");
    assertNull(links.remove("c", "net-a"));
    assertNull(links.remove("nobody", "net-a"));
  }

  @Test
  void removeAllGivesThePlansInTheOrderTheyWereApplied() {
    AppliedLinks links = new AppliedLinks();
    links.put("c", "net-b", plan("eth0"));
    links.put("c", "net-a", plan("eth1"));
    assertEquals(plan("eth1"), links.get("c", "net-a"));
    assertEquals(List.of(plan("eth0"), plan("eth1")), links.removeAll("c"));
    assertEquals(List.of(), links.removeAll("c"));
    assertNull(links.get("c", "net-a"));
  }
}
