package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.PublishedPorts;
import io.wharf.api.container.PublishedPorts.Published;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedPortsViewTest {
  private final PublishedPorts ports = new PublishedPorts("c1", "n1", List.of("80/tcp", "81/tcp", "53/udp"),
      List.of(new Published("80/tcp", "0.0.0.0", 8080), new Published("80/tcp", "127.0.0.1", 8081),
          new Published("53/udp", "0.0.0.0", 5300)));

  @Test
  void inspectShowsBindingsAndUnboundExposedPortsAsNull() {
    JsonObject inspect = new JsonObject().put("NetworkSettings", new JsonObject().put("Ports", new JsonObject()));
    PublishedPortsView.applyInspect(inspect, ports);
    JsonObject expected = new JsonObject("""
        {"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"127.0.0.1","HostPort":"8081"}],
         "81/tcp":null,"53/udp":[{"HostIp":"0.0.0.0","HostPort":"5300"}]}""");
    assertEquals(expected, inspect.getJsonObject("NetworkSettings").getJsonObject("Ports"));
  }

  @Test
  void psEntriesHaveDockersShape() {
    JsonArray expected = new JsonArray("""
        [{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
         {"IP":"127.0.0.1","PrivatePort":80,"PublicPort":8081,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":53,"PublicPort":5300,"Type":"udp"},
         {"PrivatePort":81,"Type":"tcp"}]""");
    assertEquals(expected, PublishedPortsView.listPorts(ports));
  }

  @Test
  void nothingKnownLeavesTheJsonAlone() {
    JsonObject inspect = new JsonObject().put("NetworkSettings", new JsonObject().put("Ports", new JsonObject()));
    PublishedPortsView.applyInspect(inspect, null);
    assertEquals(new JsonObject(), inspect.getJsonObject("NetworkSettings").getJsonObject("Ports"));
  }
}
