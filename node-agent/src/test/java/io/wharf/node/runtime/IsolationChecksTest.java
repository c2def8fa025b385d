package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.api.Test;

/** The node's create-time checks: cpusets against the online set, oom_score_adj against the agent's. */
class IsolationChecksTest {

  @Test
  void parsesCpusetLists() {
    assertEquals("{0, 1, 2, 4}", IsolationChecks.parse("0-2,4").toString());
    assertEquals("{0}", IsolationChecks.parse("0\n").toString());
  }

  @Test
  void cpusWithinTheOnlineSetPass() {
    assertDoesNotThrow(() -> IsolationChecks.requireAvailable("CPUs", "0", "0-1"));
    assertDoesNotThrow(() -> IsolationChecks.requireAvailable("CPUs", "0-1", "0-1"));
  }

  @Test
  void cpusOutsideTheOnlineSetAreRefusedWithDockersWording() {
    WharfException e = assertThrows(WharfException.class, () -> IsolationChecks.requireAvailable("CPUs", "0-5", "0-1"));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("Requested CPUs are not available - requested 0-5, available: 0-1", e.getMessage());
    assertThrows(WharfException.class, () -> IsolationChecks.requireAvailable("memory nodes", "1", "0"));
  }

  @Test
  void oomScoreAdjBelowTheDaemonsOwnIsRefused() {
    assertDoesNotThrow(() -> IsolationChecks.requireOomScoreAdj(500, 0));
    assertDoesNotThrow(() -> IsolationChecks.requireOomScoreAdj(0, 300));
    WharfException e = assertThrows(WharfException.class, () -> IsolationChecks.requireOomScoreAdj(-500, 0));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertThrows(WharfException.class, () -> IsolationChecks.requireOomScoreAdj(100, 300));
  }
}
