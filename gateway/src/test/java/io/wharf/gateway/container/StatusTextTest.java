package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTextTest {
  private static final long S = 1_000_000_000L;
  private static final long NOW = 2_000_000_000L * S;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 | Less than a second",
      "1 | 1 second",
      "3 | 3 seconds",
      "59 | 59 seconds",
      "60 | About a minute",
      "119 | About a minute",
      "120 | 2 minutes",
      "3599 | 59 minutes",
      "3600 | About an hour",
      "5400 | 2 hours",
      "169199 | 47 hours",
      "172799 | 2 days",
      "172800 | 2 days",
      "1209600 | 2 weeks",
      "5184000 | 2 months",
      "63072000 | 2 years",
  })
  void humanDuration(long seconds, String expected) {
    assertEquals(expected, StatusText.humanDuration(seconds * S));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "RUNNING | 0 | 10 | 0 | Up 10 seconds",
      "PAUSED | 0 | 10 | 0 | Up 10 seconds (Paused)",
      "EXITED | 0 | 600 | 300 | Exited (0) 5 minutes ago",
      "EXITED | 137 | 600 | 2 | Exited (137) 2 seconds ago",
      "CREATED | 0 | -1 | -1 | Created",
      "EXITED | 0 | -1 | -1 | Created",
      "RESTARTING | 1 | 10 | 2 | Restarting (1) 2 seconds ago",
      "REMOVING | 0 | 10 | 2 | Removal In Progress",
      "DEAD | 0 | 10 | 2 | Dead",
  })
  void status(ContainerState state, int exit, long startedAgo, long finishedAgo, String expected) {
    ContainerSummary c = new ContainerSummary("id", "n", "node", "busybox", "sha256:x", "sh", NOW - 1000 * S, state, exit,
        startedAgo < 0 ? 0 : NOW - startedAgo * S, finishedAgo < 0 ? 0 : NOW - finishedAgo * S, Map.of(), "default", false, 0);
    assertEquals(expected, StatusText.of(c, NOW));
  }

  @Test
  void rfc3339Nano() {
    assertEquals("0001-01-01T00:00:00Z", DockerTime.rfc3339Nano(0));
    assertEquals("2026-11-27T17:33:28.425356196Z", DockerTime.rfc3339Nano(1795800808425356196L));
    assertEquals("2026-11-27T17:33:28.4Z", DockerTime.rfc3339Nano(1795800808400000000L));
    assertEquals("2026-11-27T17:33:28Z", DockerTime.rfc3339Nano(1795800808000000000L));
  }
}
