package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.NameResolution;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameResolutionJsonTest {
  @Test
  void readsDnsSettingsExtraHostsAndEndpointAliases() {
    JsonObject host = new JsonObject("{\"Dns\":[\"1.1.1.1\",\"2001:db8::1\"],\"DnsSearch\":[\"a.example\"],"
        + "\"DnsOptions\":[\"ndots:2\"],\"ExtraHosts\":[\"foo:1.2.3.4\",\"gw:host-gateway\",\"v6=[::1]\"],"
        + "\"NetworkMode\":\"front\"}");
    JsonObject net = new JsonObject("{\"EndpointsConfig\":{\"front\":{\"Aliases\":[\"www\",\"web\"]},"
        + "\"back\":{\"Aliases\":[\"db\"]}}}");
    NameResolution n = NameResolutionJson.parse(host, net);
    assertEquals(List.of("1.1.1.1", "2001:db8::1"), n.dns());
    assertEquals(List.of("a.example"), n.dnsSearch());
    assertEquals(List.of("ndots:2"), n.dnsOptions());
    assertEquals(List.of("foo:1.2.3.4", "gw:host-gateway", "v6=[::1]"), n.extraHosts());
    assertEquals(List.of("www", "web"), n.aliases(), "the mode's network's aliases only");
  }

  @Test
  void theDefaultModeTakesTheBridgeEntrysAliases() {
    JsonObject net = new JsonObject("{\"EndpointsConfig\":{\"bridge\":{\"Aliases\":[\"a\"]}}}");
    assertEquals(List.of("a"), NameResolutionJson.parse(new JsonObject(), net).aliases());
    assertEquals(List.of("a"), NameResolutionJson.parse(new JsonObject("{\"NetworkMode\":\"default\"}"), net).aliases());
    assertEquals(List.of(), NameResolutionJson.parse(new JsonObject("{\"NetworkMode\":\"other\"}"), net).aliases());
  }

  @Test
  void absentAndNullFieldsAreEmpty() {
    NameResolution n = NameResolutionJson.parse(new JsonObject("{\"Dns\":null,\"ExtraHosts\":null}"), new JsonObject());
    assertEquals(NameResolution.NONE, n);
    JsonObject inspect = new JsonObject();
    NameResolutionJson.put(inspect, n);
    assertEquals("{\"Dns\":[],\"DnsOptions\":[],\"DnsSearch\":[],\"ExtraHosts\":null}", inspect.encode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"ExtraHosts\":[\"foo\"]}|bad format for add-host: \"foo\"",
      "{\"ExtraHosts\":[\":1.2.3.4\"]}|bad format for add-host: \":1.2.3.4\"",
      "{\"ExtraHosts\":[\"foo:1.2.3\"]}|invalid IP address in add-host: \"1.2.3\"",
      "{\"ExtraHosts\":[\"foo:gateway\"]}|invalid IP address in add-host: \"gateway\"",
      "{\"Dns\":[\"dns.example\"]}|IP address is not correctly formatted: dns.example",
      "{\"Dns\":[\"300.1.1.1\"]}|IP address is not correctly formatted: 300.1.1.1",
      "{\"Dns\":\"1.1.1.1x\"}|IP address is not correctly formatted: 1.1.1.1x",
      "{\"DnsSearch\":{}}|invalid DnsSearch: expected a list of strings"})
  void badInputIsA400WithDockersText(String hostConfig, String message) {
    WharfException e = assertThrows(WharfException.class,
        () -> NameResolutionJson.parse(new JsonObject(hostConfig), new JsonObject()));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }
}
