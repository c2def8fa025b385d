package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.node.nativeio.Privileged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Root, iproute2 and iptables: one namespace on two user bridges, as a container connected to
 * two networks. eth0 has the default route, eth1 none; unlinking eth1 leaves eth0 alone; the
 * bridges and their rules go once unused. Names and subnets are unique per run.
 */
class LinkApplierIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String NS = String.format("%010x", 0xfe00000000L + PID) + "0".repeat(54);
  private static final String SUBNET = "10." + (140 + PID % 50) + ".";

  private static NetworkRecord net(String id, String third) {
    return new NetworkRecord(id, "it-" + id.substring(0, 6), "bridge", "t", false, false, Map.of(), Map.of(),
        List.of(new IpamPool(SUBNET + third + ".0/24", SUBNET + third + ".1", null, null)));
  }

  private static LinkPlan plan(NetworkRecord n, String third, int index) {
    return LinkPlan.of(NS, n, endpoint(n, third, index), index);
  }

  private static Endpoint endpoint(NetworkRecord n, String third, int index) {
    return new Endpoint("ep", n.id(), NS, "c", SUBNET + third + ".2", 24, SUBNET + third + ".1",
        "02:42:0a:00:00:0" + index, List.of());
  }

  private static String host(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static String inNetns(String... cmd) throws IOException, InterruptedException {
    String[] full = new String[cmd.length + 4];
    System.arraycopy(new String[] {"ip", "netns", "exec", NS}, 0, full, 0, 4);
    System.arraycopy(cmd, 0, full, 4, cmd.length);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  @Test
  void twoNetworksInOneNamespaceThenOneUnlinked() throws Exception {
    Privileged.requireRoot();
    NetworkRecord a = net(String.format("%012x", 0xa11000000L + PID) + "0".repeat(52), "1");
    NetworkRecord b = net(String.format("%012x", 0xb22000000L + PID) + "0".repeat(52), "2");
    LinkPlan first = plan(a, "1", 0);
    LinkPlan second = plan(b, "2", 1);
    LinkApplier applier = new LinkApplier(new HostNet());
    try {
      applier.attach(first);
      applier.attach(second);
      String addrs = inNetns("ip", "-4", "-o", "addr");
      assertTrue(addrs.contains("eth0") && addrs.contains(SUBNET + "1.2/24"), addrs);
      assertTrue(addrs.contains("eth1") && addrs.contains(SUBNET + "2.2/24"), addrs);
      List<String> defaults = inNetns("ip", "route").lines().filter(l -> l.startsWith("default")).toList();
      assertEquals(List.of("default via " + SUBNET + "1.1 dev eth0 "), defaults);

      applier.unlink(second);
      String links = inNetns("ip", "-o", "link");
      assertFalse(links.contains("eth1"), links);
      assertTrue(links.contains("eth0"), links);
      assertTrue(applier.removeBridgeIfUnused(second), "b's bridge has no port left");
      assertFalse(Files.exists(Path.of("/sys/class/net", second.bridge())));
      assertFalse(applier.removeBridgeIfUnused(first), "a's bridge still has eth0's veth");
    } finally {
      applier.detach(NS, List.of(first, second));
      applier.removeBridgeIfUnused(first);
      applier.removeBridgeIfUnused(second);
    }
    assertFalse(Files.exists(Path.of("/var/run/netns", NS)));
    assertFalse(Files.exists(Path.of("/sys/class/net", first.bridge())));
    assertFalse(Files.exists(Path.of("/sys/class/net", first.hostVeth())));
  }

  /**
   * Live-restore after a daemon restart on a host that lost the bridge and one of its rules: a new
   * applier (no memory) finds eth0 by MAC, makes the bridge and all its rules again in order, and
   * links the network whose interface is missing as eth1.
   */
  @Test
  void aNewApplierTakesOverLinksWhoseBridgeWent() throws Exception {
    Privileged.requireRoot();
    NetworkRecord a = net(String.format("%012x", 0xa33000000L + PID) + "0".repeat(52), "3");
    NetworkRecord b = net(String.format("%012x", 0xb44000000L + PID) + "0".repeat(52), "4");
    LinkPlan first = plan(a, "3", 0);
    LinkPlan second = plan(b, "4", 1);
    LinkApplier before = new LinkApplier(new HostNet());
    LinkApplier after = new LinkApplier(new HostNet());
    try {
      before.attach(first);
      host("ip", "link", "del", first.bridge());
      host("iptables", "-w", "-D", LinkApplier.CHAIN, "-i", first.bridge(), "-o", first.bridge(), "-j", "ACCEPT");

      AppliedLinks applied = new AppliedLinks();
      List<Attached> linked = new AdoptedLinks(after, applied).relink(NS, List.of(
          new Attached(endpoint(a, "3", 0), a), new Attached(endpoint(b, "4", 1), b)));
      assertEquals(2, linked.size());
      assertTrue(host("ip", "-o", "link", "show", first.hostVeth()).contains("master " + first.bridge()));
      assertEquals(first, applied.get(NS, a.id()));
      assertEquals("eth1", applied.get(NS, b.id()).ifName());
      assertTrue(inNetns("ip", "-4", "-o", "addr").contains(SUBNET + "4.2/24"));
      List<String> rules = host("iptables", "-w", "-S", LinkApplier.CHAIN).lines()
          .filter(l -> l.contains(" " + first.bridge() + " ")).toList();
      List<String> expected = FirewallRules.filter(first.bridge(), false).stream()
          .map(r -> "-A " + LinkApplier.CHAIN + " " + String.join(" ", r)).toList();
      assertEquals(expected, rules, "all of the bridge's rules, in their order");
    } finally {
      after.detach(NS, List.of(first, second));
      after.removeBridgeIfUnused(first);
      after.removeBridgeIfUnused(second);
    }
    assertFalse(Files.exists(Path.of("/sys/class/net", first.bridge())));
    assertFalse(Files.exists(Path.of("/sys/class/net", second.bridge())));
  }
}
