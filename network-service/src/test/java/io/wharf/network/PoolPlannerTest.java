package io.wharf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.IpamPool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PoolPlannerTest {
  private static final List<String> EXISTING = List.of("172.17.0.0/16", "10.99.0.0/24");

  private static IpamPool plan(String subnet, String gateway, String range) {
    return new PoolPlanner(EXISTING).plan(List.of(new IpamPool(subnet, gateway, range, null))).get(0);
  }

  @Test
  void picksTheFirstFreeDefaultPoolWithItsFirstHostAsGateway() {
    IpamPool p = new PoolPlanner(EXISTING).plan(List.of()).get(0);
    assertEquals("172.18.0.0/16", p.subnet());
    assertEquals("172.18.0.1", p.gateway());
  }

  @Test
  void skipsDefaultPoolsThatOverlapAnExistingSubnet() {
    IpamPool p = new PoolPlanner(List.of("172.17.0.0/16", "172.18.5.0/24")).plan(null).get(0);
    assertEquals("172.19.0.0/16", p.subnet());
  }

  @Test
  void keepsWhatTheClientGave() {
    IpamPool p = new PoolPlanner(EXISTING).plan(List.of(
        new IpamPool("10.50.0.0/24", "10.50.0.254", "10.50.0.128/25", Map.of("printer", "10.50.0.5")))).get(0);
    assertEquals(new IpamPool("10.50.0.0/24", "10.50.0.254", "10.50.0.128/25", Map.of("printer", "10.50.0.5")), p);
  }

  @Test
  void clearsHostBitsOfTheSubnet() {
    assertEquals("10.50.0.0/24", plan("10.50.0.7/24", null, null).subnet());
  }

  @ParameterizedTest(name = "{0} gw={1} range={2} -> {3}")
  @CsvSource(nullValues = "-", value = {
      "10.99.0.0/24, -, -, PERMISSION_DENIED",       // same subnet as an existing network
      "10.99.0.128/25, -, -, PERMISSION_DENIED",     // inside an existing one
      "10.0.0.0/8, -, -, PERMISSION_DENIED",         // contains an existing one
      "10.50.0.0, -, -, INVALID_ARGUMENT",           // no prefix length
      "10.50.0.0/33, -, -, INVALID_ARGUMENT",
      "10.50.0.300/24, -, -, INVALID_ARGUMENT",
      "banana/24, -, -, INVALID_ARGUMENT",
      "10.50.0.0/31, -, -, INVALID_ARGUMENT",        // too small for a gateway and a container
      "10.50.0.0/24, 10.51.0.1, -, INVALID_ARGUMENT", // gateway outside
      "10.50.0.0/24, 10.50.0.255, -, INVALID_ARGUMENT", // gateway is the broadcast address
      "10.50.0.0/24, -, 10.51.0.0/25, INVALID_ARGUMENT", // ip-range outside
      "10.50.0.0/24, -, 10.50.0.0/23, INVALID_ARGUMENT", // ip-range larger than the subnet
  })
  void rejectsBadPools(String subnet, String gateway, String range, ErrorCategory expected) {
    WharfException e = assertThrows(WharfException.class, () -> plan(subnet, gateway, range));
    assertEquals(expected, e.category(), e.getMessage());
  }

  @Test
  void overlapHasDockersWording() {
    WharfException e = assertThrows(WharfException.class, () -> plan("10.99.0.0/24", null, null));
    assertEquals("Pool overlaps with other one on this address space", e.getMessage());
  }

  @Test
  void rejectsAnAuxAddressOutsideTheSubnet() {
    assertThrows(WharfException.class, () -> new PoolPlanner(EXISTING).plan(List.of(
        new IpamPool("10.50.0.0/24", null, null, Map.of("h", "10.60.0.1")))));
  }

  @Test
  void rejectsTwoRequestedPoolsThatOverlapEachOther() {
    assertThrows(WharfException.class, () -> new PoolPlanner(List.of()).plan(List.of(
        new IpamPool("10.50.0.0/24", null, null, null), new IpamPool("10.50.0.0/25", null, null, null))));
  }
}
