package io.wharf.api.container;

import java.util.List;

/**
 * Docker's Config.Healthcheck (also an image's HEALTHCHECK). Durations are nanoseconds; 0 means
 * "inherit" (from the image, then Docker's defaults: 30s interval, 30s timeout, 0 start period,
 * 3 retries).
 *
 * @param test {@code ["NONE"]} disables; {@code ["CMD", args...]} runs args;
 *     {@code ["CMD-SHELL", command]} runs {@code /bin/sh -c command}; empty/null inherits
 */
public record HealthConfig(List<String> test, long interval, long timeout, long startPeriod, int retries) {

  public boolean disabled() {
    return test != null && !test.isEmpty() && "NONE".equals(test.get(0));
  }

  public boolean inheritsTest() {
    return test == null || test.isEmpty();
  }
}
