package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {
  private final DaemonOptions options = ((Command.Daemon) new WharfCommandLine("n1").parse(List.of(
      "daemon", "--data-root", "/d", "--run-dir", "/r", "--bind", "10.0.0.5", "--registry-port", "5005",
      "--runtime", "/bin/runc", "--conmon", "/bin/conmon"))).options();

  @Test
  void gatewayConfig() {
    assertEquals(new JsonObject().put("socket", "/r/wharf.sock").put("tcp", null).put("dataRoot", "/d"),
        Role.GATEWAY.config(options));
  }

  @Test
  void registryConfig() {
    assertEquals(new JsonObject().put("dataRoot", "/d").put("httpHost", "10.0.0.5").put("httpPort", 5005)
        .put("nodeId", "n1").put("insecureRegistries", new JsonArray()).put("registryMirrors", new JsonArray()),
        Role.REGISTRY.config(options));
  }

  @Test
  void nodeConfig() {
    assertEquals(new JsonObject().put("dataRoot", "/d").put("runDir", "/r").put("nodeId", "n1")
        .put("nodeName", "n1").put("bindHost", "10.0.0.5").put("runtime", "/bin/runc")
        .put("conmon", "/bin/conmon"), Role.NODE.config(options));
  }

  @Test
  void volumeAndNetworkHaveVerticles() {
    assertEquals("io.wharf.volume.VolumeVerticle", Role.VOLUME.verticleClass().orElseThrow());
    assertEquals("io.wharf.network.NetworkVerticle", Role.NETWORK.verticleClass().orElseThrow());
    assertEquals("io.wharf.scheduler.SchedulerVerticle", Role.SCHEDULER.verticleClass().orElseThrow());
  }

  @Test
  void namesRoundTrip() {
    for (Role r : Role.values()) {
      assertEquals(r, Role.byName(r.wireName()).orElseThrow());
    }
    assertTrue(Role.byName("all").isEmpty());
  }
}
