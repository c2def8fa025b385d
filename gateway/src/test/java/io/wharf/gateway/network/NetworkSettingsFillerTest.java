package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import io.wharf.api.network.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkSettingsFillerTest {
  private static JsonObject inspect() {
    return new JsonObject().put("Id", "c1").put("NetworkSettings", new JsonObject().put("IPAddress", "")
        .put("Networks", new JsonObject()));
  }

  @Test
  void defaultBridgeFillsTheTopLevelFields() {
    JsonObject json = inspect();
    NetworkSettingsFiller.apply(json, List.of(new Endpoint("ep", "n0", "c1", "web", "172.17.0.2", 16, "172.17.0.1",
        "02:42:ac:11:00:02", List.of())), Map.of("n0", "bridge"));
    JsonObject s = json.getJsonObject("NetworkSettings");
    assertEquals("172.17.0.2", s.getString("IPAddress"));
    assertEquals(16, s.getInteger("IPPrefixLen"));
    assertEquals("172.17.0.1", s.getJsonObject("Networks").getJsonObject("bridge").getString("Gateway"));
  }

  @Test
  void userNetworksOnlyFillTheirEntry() {
    JsonObject json = inspect();
    NetworkSettingsFiller.apply(json, List.of(new Endpoint("ep", "n1", "c1", "web", "10.1.0.2", 24, "10.1.0.1",
        "02:42:0a:01:00:02", List.of("www"))), Map.of("n1", "app"));
    JsonObject s = json.getJsonObject("NetworkSettings");
    assertEquals("", s.getString("IPAddress"));
    JsonObject app = s.getJsonObject("Networks").getJsonObject("app");
    assertEquals("10.1.0.2", app.getString("IPAddress"));
    assertEquals("www", app.getJsonArray("Aliases").getString(0));
    assertNull(app.getValue("IPAMConfig"));
  }
}
