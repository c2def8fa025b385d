package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsConfigTest {
  private static JsonObject body(String mode, String endpoints) {
    JsonObject b = new JsonObject().put("Image", "busybox");
    if (mode != null) {
      b.put("HostConfig", new JsonObject().put("NetworkMode", mode));
    }
    if (endpoints != null) {
      b.put("NetworkingConfig", new JsonObject().put("EndpointsConfig", new JsonObject(endpoints)));
    }
    return b;
  }

  private static String refusal(JsonObject body) {
    WharfException e = assertThrows(WharfException.class, () -> EndpointsConfig.validate(body));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    return e.getMessage();
  }

  @Test
  void modeDefaultsAndContainerTargets() {
    assertEquals("default", EndpointsConfig.mode(body(null, null)));
    assertEquals("default", EndpointsConfig.mode(body("", null)));
    assertEquals("app", EndpointsConfig.mode(body("app", null)));
    assertEquals("web", EndpointsConfig.sharedTarget(body("container:web", null)));
    assertNull(EndpointsConfig.sharedTarget(body("app", null)));
  }

  @Test
  void entriesKeepTheBodysOrderAndIgnoreNullConfigs() {
    JsonObject b = body("b", "{\"b\":{\"Aliases\":[\"x\",\"x\",\"\"]},\"a\":null}");
    assertEquals(List.of("b", "a"), List.copyOf(EndpointsConfig.entries(b).keySet()));
    assertEquals(List.of("x"), EndpointsConfigHook.aliases(EndpointsConfig.entries(b).get("b")));
    assertEquals(List.of(), EndpointsConfigHook.aliases(EndpointsConfig.entries(b).get("a")));
    assertEquals(0, EndpointsConfig.entries(body("b", null)).size());
  }

  @Test
  void ipv4ReadsIpamConfig() {
    assertEquals("10.0.0.5", EndpointsConfig.ipv4(new JsonObject("{\"IPAMConfig\":{\"IPv4Address\":\"10.0.0.5\"}}")));
    assertNull(EndpointsConfig.ipv4(new JsonObject("{\"IPAMConfig\":{\"IPv4Address\":\"\"}}")));
    assertNull(EndpointsConfig.ipv4(new JsonObject("{\"IPAMConfig\":null}")));
  }

  @Test
  void primaryIsTheModesNetwork() {
    assertTrue(EndpointsConfig.isPrimary("app", "app"));
    assertTrue(EndpointsConfig.isPrimary("default", "bridge"));
    assertTrue(EndpointsConfig.isPrimary("default", "default"));
    assertFalse(EndpointsConfig.isPrimary("app", "other"));
    assertFalse(EndpointsConfig.isPrimary("bridge", "app"));
  }

  @Test
  void dockersRefusalsAtCreate() {
    assertEquals("network-scoped alias is supported only for containers in user defined networks",
        refusal(body(null, "{\"bridge\":{\"Aliases\":[\"x\"]}}")));
    assertEquals("user specified IP address is supported on user defined networks only",
        refusal(body("bridge", "{\"bridge\":{\"IPAMConfig\":{\"IPv4Address\":\"172.17.0.9\"}}}")));
    assertEquals("invalid container format container:<name|id>", refusal(body("container:", null)));
    JsonObject hostname = body("container:web", null).put("Hostname", "h");
    assertEquals("conflicting options: hostname and the network mode", refusal(hostname));
    JsonObject ports = body("container:web", null);
    ports.getJsonObject("HostConfig").put("PortBindings", new JsonObject("{\"80/tcp\":[{\"HostPort\":\"8080\"}]}"));
    assertEquals("conflicting options: port publishing and the container type network mode", refusal(ports));
  }

  @Test
  void acceptedBodies() {
    EndpointsConfig.validate(body(null, null));
    EndpointsConfig.validate(body("app", "{\"app\":{\"Aliases\":[\"svc\"],\"IPAMConfig\":{\"IPv4Address\":\"10.0.0.5\"}}}"));
    EndpointsConfig.validate(body("bridge", "{\"bridge\":{\"Aliases\":null,\"IPAMConfig\":null}}"));
    EndpointsConfig.validate(body("container:web", null).put("Hostname", ""));
  }
}
