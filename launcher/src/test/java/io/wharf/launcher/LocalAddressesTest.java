package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {

  @Test
  void loopbackIsLocal() {
    LocalAddresses.requireLocal("127.0.0.1");
  }

  @Test
  void aForeignAddressIsRefusedWithTheHostsAddresses() {
    // 198.51.100.0/24 is TEST-NET-2: never assigned to a real host.
    WharfException e = assertThrows(WharfException.class, () -> LocalAddresses.requireLocal("198.51.100.77"));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().startsWith("--bind 198.51.100.77 is not an address of this host (its addresses: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
  }
}
