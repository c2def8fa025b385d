package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import org.junit.jupiter.api.Test;

/** --mac-address: Config.MacAddress (compose v1, API &lt; 1.44) or the endpoint's MacAddress. */
class MacAddressTest {
  private static JsonObject body(String mode, String mac, String endpoints) {
    JsonObject b = new JsonObject().put("HostConfig", new JsonObject().put("NetworkMode", mode));
    if (mac != null) {
      b.put("MacAddress", mac);
    }
    if (endpoints != null) {
      b.put("NetworkingConfig", new JsonObject().put("EndpointsConfig", new JsonObject(endpoints)));
    }
    return b;
  }

  private static String endpointMac(JsonObject body, String network) {
    return body.getJsonObject("NetworkingConfig").getJsonObject("EndpointsConfig").getJsonObject(network)
        .getString("MacAddress");
  }

  @Test
  void containerMacMovesToTheModesNetwork() {
    JsonObject moved = EndpointsConfig.moveContainerMac(body("app", "02:42:AC:11:00:99", null));
    assertEquals("02:42:AC:11:00:99", endpointMac(moved, "app"));
    assertNull(moved.getString("MacAddress"));
    assertEquals("02:42:ac:11:00:99", EndpointsConfig.mac(new JsonObject().put("MacAddress", "02:42:AC:11:00:99")));
    assertEquals("02:42:ac:11:00:99", endpointMac(EndpointsConfig.moveContainerMac(
        body("default", "02:42:ac:11:00:99", null)), "bridge"));
  }

  @Test
  void endpointMacWinsAndOtherEntriesStay() {
    JsonObject moved = EndpointsConfig.moveContainerMac(body("app", "02:00:00:00:00:01",
        "{\"app\":{\"MacAddress\":\"02:00:00:00:00:02\",\"Aliases\":[\"x\"]}}"));
    assertEquals("02:00:00:00:00:02", endpointMac(moved, "app"));
    assertEquals("x", moved.getJsonObject("NetworkingConfig").getJsonObject("EndpointsConfig")
        .getJsonObject("app").getJsonArray("Aliases").getString(0));
  }

  @Test
  void noMacOrNoOwnNetworkLeavesTheBodyAlone() {
    JsonObject none = body("none", "02:00:00:00:00:01", null);
    assertEquals(none, EndpointsConfig.moveContainerMac(none));
    JsonObject plain = body("app", null, null);
    assertEquals(plain, EndpointsConfig.moveContainerMac(plain));
  }

  @Test
  void badMacsAreRefused() {
    assertEquals("invalid MAC address: 02:42:zz:00:00:01", assertThrows(WharfException.class,
        () -> EndpointsConfig.moveContainerMac(body("app", "02:42:zz:00:00:01", null))).getMessage());
    assertThrows(WharfException.class,
        () -> EndpointsConfig.validate(body("app", null, "{\"app\":{\"MacAddress\":\"nope\"}}")));
    assertEquals("conflicting options: mac-address and the network mode", assertThrows(WharfException.class,
        () -> EndpointsConfig.validate(body("container:web", "02:00:00:00:00:01", null))).getMessage());
  }
}
