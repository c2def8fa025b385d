package io.wharf.node.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wharf.api.container.HealthConfig;
import io.wharf.api.container.HealthState;
import io.wharf.api.container.HealthState.HealthResult;
import io.wharf.node.HealthConfigMerger;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {
  private static final long S = 1_000_000_000L;
  private static final HealthConfig CHECK = new HealthConfig(List.of("CMD-SHELL", "exit 1"), S, 0, 10 * S, 2);

  private static HealthResult at(long second, int code) {
    return new HealthResult(second * S, second * S + 1, code, "out");
  }

  @Test
  void passingProbeMakesHealthyAndResetsTheStreak() {
    HealthState s = HealthTracker.next(CHECK, new HealthState("unhealthy", 4, List.of()), at(20, 0), 0);
    assertEquals(new HealthState("healthy", 0, List.of(at(20, 0))), s);
  }

  @Test
  void failuresInsideTheStartPeriodDoNotCount() {
    HealthState s = HealthTracker.next(CHECK, null, at(5, 1), 0);
    assertEquals("starting", s.status());
    assertEquals(0, s.failingStreak());
    s = HealthTracker.next(CHECK, s, at(11, 1), 0);
    assertEquals("starting", s.status());
    assertEquals(1, s.failingStreak());
    s = HealthTracker.next(CHECK, s, at(12, 1), 0);
    assertEquals("unhealthy", s.status());
    assertEquals(2, s.failingStreak());
  }

  @Test
  void logKeepsTheLastFive() {
    HealthState s = null;
    for (int i = 0; i < 8; i++) {
      s = HealthTracker.next(CHECK, s, at(20 + i, 0), 0);
    }
    assertEquals(5, s.log().size());
    assertEquals(23 * S, s.log().get(0).startNanos());
  }

  @Test
  void commandsAndDefaults() {
    assertEquals(List.of("/bin/sh", "-c", "exit 1"), HealthTracker.command(CHECK));
    assertEquals(List.of("true", "x"), HealthTracker.command(new HealthConfig(List.of("CMD", "true", "x"), 0, 0, 0, 0)));
    assertNull(HealthTracker.command(new HealthConfig(List.of("NONE"), 0, 0, 0, 0)));
    assertNull(HealthTracker.command(new HealthConfig(List.of("CMD"), 0, 0, 0, 0)));
    HealthConfig none = new HealthConfig(List.of("CMD", "x"), 0, 0, 0, 0);
    assertEquals(30 * S, HealthTracker.interval(none));
    assertEquals(30 * S, HealthTracker.timeout(none));
    assertEquals(3, HealthTracker.retries(none));
  }

  @Test
  void userCheckOverridesTheImageFieldByField() {
    HealthConfig image = new HealthConfig(List.of("CMD", "probe"), 5 * S, 2 * S, 0, 4);
    HealthConfig merged = HealthConfigMerger.merge(image, new HealthConfig(null, S, 0, 0, 0));
    assertEquals(new HealthConfig(List.of("CMD", "probe"), S, 2 * S, 0, 4), merged);
    assertEquals(List.of("NONE"), HealthConfigMerger.merge(image, new HealthConfig(List.of("NONE"), 0, 0, 0, 0)).test());
    assertNull(HealthConfigMerger.merge(null, null));
  }
}
