package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
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
    Endpoint e = new Endpoint("ep", n.id(), NS, "c", SUBNET + third + ".2", 24, SUBNET + third + ".1",
        "02:42:0a:00:00:0" + index, List.of());
    return LinkPlan.of(NS, n, e, index);
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
}
