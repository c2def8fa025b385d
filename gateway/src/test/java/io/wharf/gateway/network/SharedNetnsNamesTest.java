package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --network container:X (compose's network_mode: service:X) takes X's hostname and domainname. */
class SharedNetnsNamesTest {
  private static final ContainerSummary TARGET = new ContainerSummary("0123456789abcdef", "a", "node-1", "busybox",
      "sha256:x", "sh", 0, ContainerState.RUNNING, 0, 0, 0, Map.of(), "default", false, 0);

  private static ContainerSpec named(String hostname, String domainname) {
    return new ContainerSpec("a", "busybox", List.of("sh"), List.of(), null, null, null, hostname, domainname,
        Map.of(), false, false, false, false, true, true, null, null, null, null, null, null);
  }

  private static JsonObject body(String utsMode) {
    return new JsonObject().put("HostConfig", new JsonObject().put("NetworkMode", "container:a")
        .put("UTSMode", utsMode));
  }

  @Test
  void takesTheTargetsNamesOrItsShortId() {
    JsonObject b = EndpointsConfigHook.takeNames(body(""), TARGET, named("myhost", "example.com"));
    assertEquals("myhost", b.getString("Hostname"));
    assertEquals("example.com", b.getString("Domainname"));
    b = EndpointsConfigHook.takeNames(body(""), TARGET, named(null, null));
    assertEquals("0123456789ab", b.getString("Hostname"));
    assertNull(b.getString("Domainname"));
  }

  @Test
  void hostUtsKeepsNoHostname() {
    assertNull(EndpointsConfigHook.takeNames(body("host"), TARGET, named("myhost", null)).getString("Hostname"));
  }
}
