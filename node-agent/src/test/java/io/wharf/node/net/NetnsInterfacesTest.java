package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NetnsInterfacesTest {
  private static final String IP_O_LINK = """
      1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
      2: eth0@if818: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 02:42:ac:12:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
      3: eth1@if822: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 02:42:ac:13:00:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0
      """;

  @Test
  void namesAndMacsOfIpOLink() {
    Map<String, String> parsed = NetnsInterfaces.parse(IP_O_LINK);
    assertEquals(Map.of("lo", "", "eth0", "02:42:ac:12:00:02", "eth1", "02:42:ac:13:00:03"), parsed);
    assertEquals(Map.of(), NetnsInterfaces.parse(""));
  }

  @Test
  void theIndexOfTheInterfaceWithAMac() {
    Map<String, String> parsed = NetnsInterfaces.parse(IP_O_LINK);
    assertEquals(1, NetnsInterfaces.indexWithMac(parsed, "02:42:AC:13:00:03"));
    assertEquals(0, NetnsInterfaces.indexWithMac(parsed, "02:42:ac:12:00:02"));
    assertEquals(-1, NetnsInterfaces.indexWithMac(parsed, "02:42:ac:14:00:09"));
  }

  @Test
  void interfacesPresentAreNotReused() {
    AppliedLinks links = new AppliedLinks();
    assertEquals(2, links.freeIndex("c", NetnsInterfaces.parse(IP_O_LINK).keySet()));
  }
}
