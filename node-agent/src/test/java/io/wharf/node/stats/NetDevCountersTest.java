package io.wharf.node.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /proc/<pid>/net/dev rows become Docker's stats "networks" object; loopback and junk are left out. */
class NetDevCountersTest {
  private static final List<String> NET_DEV = List.of(
      "Inter-|   Receive                                                |  Transmit",
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
      "    lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0",
      "  eth0:    1234      10    1    2    0     0          0         0      5678      20    3    4    0     0       0          0",
      "  eth1: garbage");

  @Test
  void parsesEveryInterfaceButLoopback() {
    Map<String, NetDevCounters> m = NetDevCounters.parse(NET_DEV);
    assertEquals(Map.of("eth0", new NetDevCounters(1234, 10, 1, 2, 5678, 20, 3, 4)), m);
  }

  @Test
  void statsDocumentCarriesNetworksOnlyWhenThereAreSome() {
    StatsSample s = new StatsSample(1, 0, List.of(), 0, 0, 0, 1, 0, 0, 0, 0, Map.of(), 0, 0, List.of());
    JsonObject with = StatsJson.of("id", "n", s, null, NetDevCounters.parse(NET_DEV));
    assertEquals(5678L, with.getJsonObject("networks").getJsonObject("eth0").getLong("tx_bytes"));
    assertEquals(null, StatsJson.of("id", "n", s, null, Map.of()).getValue("networks"));
    assertEquals(Map.of(), NetDevCounters.read(java.nio.file.Path.of("/nonexistent/net/dev")));
  }
}
