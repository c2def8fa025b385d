package io.wharf.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void readsGoDurations() {
    assertEquals(0, GoDuration.nanos("0"));
    assertEquals(90_000_000_000L, GoDuration.nanos("1m30s"));
    assertEquals(500_000_000L, GoDuration.nanos("0.5s"));
    assertEquals(1_500L, GoDuration.nanos("1µs500ns"));
    assertEquals(7_200_000_000_000L, GoDuration.nanos("2h"));
  }

  @Test
  void refusesWhatGoRefuses() {
    for (String bad : new String[] {"", "5", "s", "1x", "1s ", "-1s", "1s2"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.nanos(bad), bad);
      assertEquals("time: invalid duration \"" + bad + "\"", e.getMessage());
    }
  }
}
