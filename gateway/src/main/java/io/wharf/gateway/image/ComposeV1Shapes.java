package io.wharf.gateway.image;

import io.wharf.gateway.http.ApiVersion;

/**
 * docker-compose v1 (1.29.2 on docker-py 6) negotiates the daemon's newest API version but still
 * reads {@code ContainerConfig} from image inspect whenever it recreates a container
 * ({@code up} after a change, {@code --force-recreate}); API 1.45 dropped that field, so against a
 * current Docker it dies with {@code KeyError: 'ContainerConfig'}. For that client only, image
 * inspect keeps the 1.44 shape; every other client sees the shape of the version it asked for.
 */
public final class ComposeV1Shapes {
  private static final ApiVersion LAST_WITH_CONTAINER_CONFIG = new ApiVersion(1, 44);

  private ComposeV1Shapes() {}

  /** The version whose image-inspect shape to answer {@code userAgent} with. */
  public static ApiVersion imageInspect(ApiVersion asked, String userAgent) {
    boolean composeV1 = userAgent != null && userAgent.startsWith("docker-compose/1.");
    return composeV1 && !asked.below(1, 45) ? LAST_WITH_CONTAINER_CONFIG : asked;
  }
}
