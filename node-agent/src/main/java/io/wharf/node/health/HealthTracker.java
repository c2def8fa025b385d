package io.wharf.node.health;

import io.wharf.api.container.HealthConfig;
import io.wharf.api.container.HealthState;
import io.wharf.api.container.HealthState.HealthResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's health state machine, without timers or I/O: a passing probe makes the container
 * healthy and resets the failing streak; a failing one counts unless it ran inside the start
 * period, and {@code retries} failures in a row make it unhealthy. The log keeps the last
 * {@link HealthState#LOG_SIZE} results.
 */
public final class HealthTracker {
  private HealthTracker() {}

  public static final long DEFAULT_INTERVAL = 30_000_000_000L;
  public static final long DEFAULT_TIMEOUT = 30_000_000_000L;
  public static final int DEFAULT_RETRIES = 3;
  /** Docker keeps at most this many bytes of a probe's output. */
  public static final int MAX_OUTPUT = 4096;

  public static long interval(HealthConfig c) {
    return c.interval() > 0 ? c.interval() : DEFAULT_INTERVAL;
  }

  public static long timeout(HealthConfig c) {
    return c.timeout() > 0 ? c.timeout() : DEFAULT_TIMEOUT;
  }

  public static int retries(HealthConfig c) {
    return c.retries() > 0 ? c.retries() : DEFAULT_RETRIES;
  }

  /** The command a probe runs: CMD args as given, CMD-SHELL through /bin/sh -c. Null when none. */
  public static List<String> command(HealthConfig c) {
    if (c == null || c.test() == null || c.test().size() < 2) {
      return null;
    }
    String kind = c.test().get(0);
    List<String> rest = c.test().subList(1, c.test().size());
    return switch (kind) {
      case "CMD" -> List.copyOf(rest);
      case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", rest));
      default -> null;
    };
  }

  /** The state after {@code result}; {@code startedNanos} is when the container started. */
  public static HealthState next(HealthConfig c, HealthState current, HealthResult result, long startedNanos) {
    HealthState now = current == null ? HealthState.starting() : current;
    List<HealthResult> log = new ArrayList<>(now.log() == null ? List.of() : now.log());
    log.add(result);
    while (log.size() > HealthState.LOG_SIZE) {
      log.remove(0);
    }
    if (result.exitCode() == 0) {
      return new HealthState(HealthState.HEALTHY, 0, List.copyOf(log));
    }
    boolean inStartPeriod = c.startPeriod() > 0 && result.startNanos() - startedNanos < c.startPeriod();
    if (inStartPeriod && !HealthState.HEALTHY.equals(now.status())) {
      return new HealthState(now.status(), now.failingStreak(), List.copyOf(log));
    }
    int streak = now.failingStreak() + 1;
    String status = streak >= retries(c) ? HealthState.UNHEALTHY : now.status();
    return new HealthState(status, streak, List.copyOf(log));
  }

  /** Output cut to {@link #MAX_OUTPUT} bytes' worth of characters. */
  public static String truncate(String output) {
    return output.length() <= MAX_OUTPUT ? output : output.substring(0, MAX_OUTPUT);
  }
}
