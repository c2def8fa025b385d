package io.wharf.node;

import io.wharf.api.container.HealthConfig;

/**
 * The health check a container runs: the user's Config.Healthcheck field by field over the image's
 * HEALTHCHECK (a zero duration or an empty test inherits), as dockerd merges them. Null when neither
 * has a test; a disabled result ({@code ["NONE"]}, {@code --no-healthcheck}) is kept so inspect shows it.
 */
public final class HealthConfigMerger {
  private HealthConfigMerger() {}

  public static HealthConfig merge(HealthConfig image, HealthConfig user) {
    if (user == null) {
      return usable(image);
    }
    if (image == null) {
      return usable(user);
    }
    return usable(new HealthConfig(
        user.inheritsTest() ? image.test() : user.test(),
        user.interval() != 0 ? user.interval() : image.interval(),
        user.timeout() != 0 ? user.timeout() : image.timeout(),
        user.startPeriod() != 0 ? user.startPeriod() : image.startPeriod(),
        user.retries() != 0 ? user.retries() : image.retries()));
  }

  private static HealthConfig usable(HealthConfig h) {
    return h == null || h.inheritsTest() ? null : h;
  }
}
