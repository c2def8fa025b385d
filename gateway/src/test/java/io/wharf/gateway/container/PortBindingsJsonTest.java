package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortBindingsJsonTest {

  @ParameterizedTest
  @CsvSource({"80,80/tcp", "80/tcp,80/tcp", "53/udp,53/udp", "53/UDP,53/udp", "65535/tcp,65535/tcp", "8/,8/tcp"})
  void portKeysAreNormalised(String key, String expected) {
    assertEquals(expected, PortBindingsJson.portKey(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0/tcp", "65536", "99999999/tcp", "abc", "80-81/tcp", "-1", "80/sctp", "80/xyz", ""})
  void badPortKeysAre400(String key) {
    WharfException e = assertThrows(WharfException.class, () -> PortBindingsJson.portKey(key));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @Test
  void bindingsAsTheCliSendsThem() {
    JsonObject body = new JsonObject("""
        {"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"},{"HostIp":"","HostPort":""}],
         "53/udp":[{"HostIp":"","HostPort":"5300-5310"}],"81":null,"82/tcp":[{"HostPort":"0"}]}""");
    Map<String, List<PortBinding>> b = PortBindingsJson.parse(body);
    assertEquals(List.of(new PortBinding("127.0.0.1", "8080"), new PortBinding("", "")), b.get("80/tcp"));
    assertEquals(List.of(new PortBinding("", "5300-5310")), b.get("53/udp"));
    assertEquals(List.of(), b.get("81/tcp"));
    assertEquals(List.of(new PortBinding("", "")), b.get("82/tcp"), "host port 0 means any free port");
    assertEquals(body.getJsonArray("80/tcp"), PortBindingsJson.json(b).getJsonArray("80/tcp"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"65536\"}]}",
      "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"80x\"}]}",
      "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"90-80\"}]}",
      "{\"80/tcp\":[{\"HostIp\":\"300.1.1.1\",\"HostPort\":\"80\"}]}",
      "{\"80/tcp\":[{\"HostIp\":\"localhost\",\"HostPort\":\"80\"}]}",
      "{\"80/tcp\":[{\"HostIp\":\"::1\",\"HostPort\":\"80\"}]}",
      "{\"80/tcp\":{\"HostPort\":\"80\"}}",
      "{\"0/tcp\":[]}",
      "{\"80/bogus\":[]}",
  })
  void badBindingsAre400(String json) {
    WharfException e = assertThrows(WharfException.class, () -> PortBindingsJson.parse(new JsonObject(json)));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @Test
  void messagesNameTheSpec() {
    WharfException e = assertThrows(WharfException.class, () -> PortBindingsJson.portKey("65536/tcp"));
    assertEquals("invalid port specification: \"65536/tcp\"", e.getMessage());
  }

  @Test
  void createRejectsPortsWithAContainerNetworkAndWarnsForHost() {
    JsonObject body = new JsonObject("""
        {"Image":"busybox","HostConfig":{"NetworkMode":"container:abc",
         "PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}}""");
    WharfException e = assertThrows(WharfException.class, () -> CreateRequestTranslator.translate(body, null));
    assertEquals("conflicting options: port publishing and the container type network mode", e.getMessage());

    body.getJsonObject("HostConfig").put("NetworkMode", "host");
    var spec = CreateRequestTranslator.translate(body, null);
    assertEquals(List.of("Published ports are discarded when using host network mode"),
        PortBindingsJson.warnings(spec));
    body.getJsonObject("HostConfig").put("NetworkMode", "none");
    assertTrue(PortBindingsJson.warnings(CreateRequestTranslator.translate(body, null)).isEmpty());
  }

  @Test
  void createStoresBindingsPublishAllAndNormalisedExposedPorts() {
    JsonObject body = new JsonObject("""
        {"Image":"busybox","ExposedPorts":{"80":{},"53/udp":{}},
         "HostConfig":{"PublishAllPorts":true,"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}}""");
    var spec = CreateRequestTranslator.translate(body, null);
    assertEquals(List.of("80/tcp", "53/udp"), spec.exposedPorts());
    assertTrue(spec.host().publishAllPorts());
    assertEquals(List.of(new PortBinding("", "8080")), spec.host().portBindings().get("80/tcp"));
    JsonObject inspect = HostConfigJson.of(spec.host(), "default");
    assertEquals(true, inspect.getBoolean("PublishAllPorts"));
    assertEquals("8080", inspect.getJsonObject("PortBindings").getJsonArray("80/tcp").getJsonObject(0)
        .getString("HostPort"));
  }
}
