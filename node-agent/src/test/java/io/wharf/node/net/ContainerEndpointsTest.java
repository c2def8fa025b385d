package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests.Attached;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEndpointsTest {
  private static Attached on(String id, String name) {
    NetworkRecord n = new NetworkRecord(id, name, "bridge", "t", false, false, Map.of(), Map.of(),
        List.of(new IpamPool("10.5.0.0/24", "10.5.0.1", null, null)));
    return new Attached(new Endpoint("ep", id, "c", "web", "10.5.0.7", 24, "10.5.0.1", "02:42:0a:05:00:07",
        List.of()), n);
  }

  private static List<String> names(List<Attached> all) {
    return all.stream().map(a -> a.network().name()).toList();
  }

  @Test
  void theModesNetworkComesFirstThenTheOthersByName() {
    List<Attached> all = List.of(on("111", "zeta"), on("222", "alpha"), on("333", "app"));
    assertEquals(List.of("app", "alpha", "zeta"), names(ContainerEndpoints.ordered(all, "app")));
    assertEquals(List.of("app", "alpha", "zeta"), names(ContainerEndpoints.ordered(all, "33")), "by id prefix");
    assertEquals(List.of("alpha", "app", "zeta"), names(ContainerEndpoints.ordered(all, null)), "primary disconnected");
    assertEquals(List.of(), ContainerEndpoints.ordered(List.of(), "app"));
  }

  @Test
  void aNetworkIsNamedByNameOrIdPrefix() {
    NetworkRecord n = on("abcdef", "app").network();
    assertTrue(ContainerEndpoints.isNetwork(n, "app"));
    assertTrue(ContainerEndpoints.isNetwork(n, "abc"));
    assertFalse(ContainerEndpoints.isNetwork(n, "ap"));
    assertFalse(ContainerEndpoints.isNetwork(n, ""));
    assertFalse(ContainerEndpoints.isNetwork(n, null));
  }
}
