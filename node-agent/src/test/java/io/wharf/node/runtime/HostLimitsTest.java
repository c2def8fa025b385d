package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostLimitsTest {

  @Test
  void parsesProcSelfLimits() {
    List<String> lines = List.of(
        "Limit                     Soft Limit           Hard Limit           Units     ",
        "Max cpu time              unlimited            unlimited            seconds   ",
        "Max processes             96365                96365                processes ",
        "Max open files            1024                 20000                files     ",
        "Max realtime timeout      unlimited            unlimited            us        ");
    HostLimits h = new HostLimits(HostLimits.parseLimits(lines), 0);
    assertEquals(20000, h.clamp("RLIMIT_NOFILE", 1_048_576));
    assertEquals(500, h.clamp("RLIMIT_NOFILE", 500));
    assertEquals(96365, h.clamp("RLIMIT_NPROC", 100_000));
    assertEquals(7, h.clamp("RLIMIT_CPU", 7));
    assertEquals(123, h.clamp("RLIMIT_CORE", 123));
  }

  @Test
  void parsesCapBnd() {
    long mask = HostLimits.parseCapBnd(List.of("CapEff:\t000001ffffffffff", "CapBnd:\t000001fffeffffff"));
    HostLimits h = new HostLimits(java.util.Map.of(), mask);
    assertTrue(h.allowsCap(0));
    assertTrue(h.allowsCap(40));
    assertFalse(h.allowsCap(24));
    assertFalse(h.allowsCap(41));
    assertFalse(h.allowsCap(-1));
  }

  @Test
  void readsThisProcess() {
    HostLimits h = HostLimits.ofThisProcess();
    assertTrue(h.hardLimits().containsKey("RLIMIT_NOFILE"));
  }
}
