package io.wharf.api.container;

import java.util.List;

/**
 * Docker's State.Health.
 *
 * @param status "starting", "healthy" or "unhealthy"
 * @param failingStreak consecutive failed probes
 * @param log the last {@link #LOG_SIZE} probe results, oldest first
 */
public record HealthState(String status, int failingStreak, List<HealthResult> log) {
  public static final int LOG_SIZE = 5;
  public static final String STARTING = "starting";
  public static final String HEALTHY = "healthy";
  public static final String UNHEALTHY = "unhealthy";

  public static HealthState starting() {
    return new HealthState(STARTING, 0, List.of());
  }

  /**
   * One probe result.
   *
   * @param startNanos, endNanos Unix epoch nanoseconds
   * @param exitCode 0 healthy, anything else a failure (-1 for a timeout or a probe that could not run)
   */
  public record HealthResult(long startNanos, long endNanos, int exitCode, String output) {}
}
