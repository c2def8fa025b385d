package io.wharf.api.image;

import java.util.List;
import java.util.Map;

/**
 * The runtime defaults an image carries (the {@code config} object of an OCI/Docker image
 * config). Null means "not set".
 *
 * @param exposedPorts keys like "80/tcp"
 * @param volumes container paths
 * @param healthcheck the image's HEALTHCHECK, or null
 */
public record ImageConfig(
    String user,
    List<String> env,
    List<String> cmd,
    List<String> entrypoint,
    String workingDir,
    Map<String, String> labels,
    List<String> exposedPorts,
    List<String> volumes,
    String stopSignal,
    io.wharf.api.container.HealthConfig healthcheck) {

  public static ImageConfig empty() {
    return new ImageConfig(null, null, null, null, null, null, null, null, null, null);
  }
}
