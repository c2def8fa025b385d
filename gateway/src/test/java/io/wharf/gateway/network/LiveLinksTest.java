package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveLinksTest {
  private static ContainerSummary withMode(String mode) {
    return new ContainerSummary("abc", "web", "node-1", "busybox", "sha256:x", "sh", 0, ContainerState.RUNNING, 0, 0, 0,
        Map.of(), mode, false, 0);
  }

  private static String refusal(String mode) {
    return assertThrows(WharfException.class, () -> LiveLinks.requireConnectable(withMode(mode))).getMessage();
  }

  @Test
  void modesWithoutTheirOwnEndpointsCannotBeConnected() {
    assertEquals("container sharing network namespace with another container or host cannot be connected to any "
        + "other network", refusal("container:def"));
    assertEquals("container cannot be disconnected from host network or connected to host network", refusal("host"));
    assertEquals("container cannot be connected to multiple networks with one of the networks in private (none) mode",
        refusal("none"));
    LiveLinks.requireConnectable(withMode("default"));
    LiveLinks.requireConnectable(withMode("app"));
    LiveLinks.requireConnectable(withMode(null));
  }
}
