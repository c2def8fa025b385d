package io.wharf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.IpamPool;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPickerTest {
  private final AddressPicker picker = new AddressPicker(
      new IpamPool("10.50.0.0/29", "10.50.0.1", null, Map.of("aux", "10.50.0.3")));

  private String next(Integer after, Set<String> taken) {
    long a = picker.next(after, ip -> !taken.contains(Ipv4.format(ip)));
    return a < 0 ? "none" : Ipv4.format((int) a);
  }

  @Test
  void skipsNetworkGatewayAuxAndTakenAddresses() {
    assertEquals("10.50.0.2", next(null, Set.of()));
    assertEquals("10.50.0.4", next(null, Set.of("10.50.0.2")));
    assertEquals("10.50.0.6", next(Ipv4.parse("10.50.0.5"), Set.of()));
  }

  @Test
  void isExhaustedBeforeTheBroadcastAddress() {
    assertEquals("none", next(null, Set.of("10.50.0.2", "10.50.0.4", "10.50.0.5", "10.50.0.6")));
  }

  @Test
  void startsAtTheIpRange() {
    AddressPicker ranged = new AddressPicker(new IpamPool("10.50.0.0/24", "10.50.0.1", "10.50.0.128/25", null));
    assertEquals("10.50.0.128", Ipv4.format((int) ranged.next(null, ip -> true)));
  }

  @ParameterizedTest
  @CsvSource({
      "10.50.1.2, INVALID_ARGUMENT",     // outside the subnet
      "10.50.0.1, FAILED_PRECONDITION",  // the gateway
      "10.50.0.3, FAILED_PRECONDITION",  // an aux address
      "10.50.0.7, FAILED_PRECONDITION",  // broadcast
      "10.50.0, INVALID_ARGUMENT",
  })
  void rejectsRequestedAddresses(String ip, ErrorCategory expected) {
    WharfException e = assertThrows(WharfException.class, () -> picker.requested(ip));
    assertEquals(expected, e.category(), e.getMessage());
  }

  @Test
  void acceptsAFreeHostAddress() {
    assertEquals(Ipv4.parse("10.50.0.5"), picker.requested("10.50.0.5"));
  }

  @Test
  void macIsDockers() {
    assertEquals("02:42:0a:32:00:05", Ipv4.mac(Ipv4.parse("10.50.0.5")));
  }
}
