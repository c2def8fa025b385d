package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.gateway.http.FilterArgs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortFilterTest {
  /** web publishes 8080->80/tcp and exposes 443 unbound; dns publishes 5353->53/udp; idle has no ports. */
  private static JsonArray entries() {
    JsonArray web = new JsonArray()
        .add(new JsonObject().put("IP", "0.0.0.0").put("PrivatePort", 80).put("PublicPort", 8080).put("Type", "tcp"))
        .add(new JsonObject().put("PrivatePort", 443).put("Type", "tcp"));
    JsonArray dns = new JsonArray()
        .add(new JsonObject().put("IP", "0.0.0.0").put("PrivatePort", 53).put("PublicPort", 5353).put("Type", "udp"));
    return new JsonArray().add(new JsonObject().put("Names", "web").put("Ports", web))
        .add(new JsonObject().put("Names", "dns").put("Ports", dns))
        .add(new JsonObject().put("Names", "idle").put("Ports", new JsonArray()));
  }

  private static List<String> names(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(e -> out.add(((JsonObject) e).getString("Names")));
    return out;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{} | web,dns,idle",
      "{\"publish\":[\"8080\"]} | web",
      "{\"publish\":[\"8080/tcp\"]} | web",
      "{\"publish\":[\"8080/udp\"]} | ''",
      "{\"publish\":[\"80\"]} | ''",
      "{\"publish\":[\"8000-8100\"]} | web",
      "{\"publish\":[\"5353/udp\"]} | dns",
      "{\"publish\":[\"5000-6000/udp\",\"8080\"]} | web,dns",
      "{\"expose\":[\"80\"]} | web",
      "{\"expose\":[\"443/tcp\"]} | web",
      "{\"expose\":[\"50-60/udp\"]} | dns",
      "{\"expose\":[\"8080\"]} | ''",
      "{\"expose\":[\"53\"]} | ''",
      "{\"publish\":[\"5353/udp\"],\"expose\":[\"443\"]} | web,dns",
  })
  void matchesDockersSemantics(String filters, String expected) {
    PortFilter f = PortFilter.of(FilterArgs.parse(filters));
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), names(f.apply(entries(), -1)));
  }

  @Test
  void theLimitCountsMatchesOnly() {
    PortFilter f = PortFilter.of(FilterArgs.parse("{\"publish\":[\"1-65535/udp\",\"8080\"]}"));
    assertEquals(List.of("web"), names(f.apply(entries(), 1)));
    assertEquals(List.of("web", "dns"), names(f.apply(entries(), 5)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"publish\":[\"127.0.0.1:80\"]} | filter for 'publish' should not contain ':'",
      "{\"expose\":[\"http\"]} | error while looking up for expose http: invalid port: http",
      "{\"publish\":[\"70000\"]} | invalid port: 70000",
      "{\"expose\":[\"90-80\"]} | invalid range specified for port: 90-80",
      "{\"publish\":[\"80-\"]} | invalid port",
  })
  void refusesBadValues(String filters, String message) {
    WharfException e = assertThrows(WharfException.class, () -> PortFilter.of(FilterArgs.parse(filters)));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void theListQueryAcceptsThemAndChecksThem() {
    new ContainerListQuery(true, -1, FilterArgs.parse("{\"publish\":[\"80\"],\"expose\":[\"1-2\"]}"));
    assertThrows(WharfException.class,
        () -> new ContainerListQuery(true, -1, FilterArgs.parse("{\"publish\":[\"x\"]}")));
  }
}
