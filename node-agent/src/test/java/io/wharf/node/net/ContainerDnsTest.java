package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which link a container's 127.0.0.11 redirect goes through, as its networks come and go. */
class ContainerDnsTest {
  /** Records the commands instead of running them. */
  private static final class RecordingNet extends HostNet {
    final List<String> commands = new ArrayList<>();

    @Override
    public void run(String... command) {
      commands.add(String.join(" ", command));
    }
  }

  private final RecordingNet net = new RecordingNet();
  private final ContainerDns dns = new ContainerDns(net, null);

  private static LinkPlan plan(String bridge, String ifName, String subnet3) {
    return new LinkPlan("c1", bridge, subnet3 + ".1/24", subnet3 + ".0/24", false, "wvc1" + ifName, ifName,
        subnet3 + ".2/24", "02:42:00:00:00:02", subnet3 + ".1");
  }

  private static final LinkPlan DEFAULT = plan("wharf0", "eth0", "172.17.0");
  private static final LinkPlan FRONT = plan("wh-front", "eth1", "10.1.0");
  private static final LinkPlan BACK = plan("wh-back", "eth2", "10.2.0");

  private String last() {
    return net.commands.get(net.commands.size() - 1);
  }

  @Test
  void theRedirectGoesThroughTheFirstUserNetwork() {
    assertTrue(dns.install("c1", List.of(DEFAULT, FRONT, BACK)));
    assertEquals(1, net.commands.size());
    assertTrue(last().startsWith("ip netns exec c1 sh -c echo 1 > /proc/sys/net/ipv4/conf/eth1/route_localnet"
        + " && iptables-restore --noflush "), last());
  }

  @Test
  void theDefaultBridgeAloneGetsNoRedirect() {
    assertFalse(dns.install("c1", List.of(DEFAULT)));
    assertEquals(List.of(), net.commands);
    assertFalse(dns.install("c1", List.of()));
  }

  @Test
  void aLiveConnectRedirectsOnlyAContainerThatHadNone() {
    dns.install("c1", List.of(DEFAULT));
    assertFalse(dns.connected("c1", DEFAULT), "the default bridge never");
    assertTrue(dns.connected("c1", FRONT));
    assertTrue(last().contains("/eth1/route_localnet"), last());
    assertFalse(dns.connected("c1", BACK), "one redirect serves every network");
    assertEquals(1, net.commands.size());
  }

  @Test
  void disconnectingTheRedirectsNetworkMovesItToAnotherUserNetwork() {
    dns.install("c1", List.of(FRONT, BACK));
    dns.disconnected("c1", BACK, List.of(FRONT));
    assertEquals(1, net.commands.size(), "not the redirect's network: nothing to do");
    dns.disconnected("c1", FRONT, List.of(DEFAULT, BACK));
    assertEquals(2, net.commands.size());
    assertTrue(last().contains("/eth2/route_localnet && iptables-restore /"), "the nat table replaced: " + last());
    dns.disconnected("c1", BACK, List.of(DEFAULT));
    assertEquals(2, net.commands.size(), "no user network left: no redirect");
    assertTrue(dns.connected("c1", FRONT), "a later connect gives one again");
  }

  @Test
  void adoptionEnsuresTheRedirectWithoutDuplicatingIt() {
    dns.ensure("c1", List.of(DEFAULT, FRONT));
    assertTrue(last().contains("iptables -w -t nat -C OUTPUT -d 127.0.0.11/32 -p udp --dport 53 -j DNAT"
        + " --to-destination 10.1.0.1:53 2>/dev/null || iptables-restore --noflush "), last());
    assertFalse(dns.connected("c1", BACK), "the adopted redirect counts");
  }
}
