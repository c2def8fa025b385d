package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests.Create;
import io.wharf.api.network.NetworkRequests.Details;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkJsonTest {
  @Test
  void readsTheCliCreateBody() {
    // capture 40b-network-create-opts
    Create c = NetworkJson.createRequest(new JsonObject("{\"Driver\": \"bridge\", \"Scope\": \"\", \"IPAM\": "
        + "{\"Driver\": \"default\", \"Options\": {}, \"Config\": [{\"Subnet\": \"10.99.0.0/24\"}]}, \"Internal\": false,"
        + " \"Attachable\": false, \"Ingress\": false, \"ConfigOnly\": false, \"ConfigFrom\": null, \"Options\": {},"
        + " \"Labels\": {\"a\": \"b\"}, \"Name\": \"net2\", \"CheckDuplicate\": true}"));
    assertEquals(new Create("net2", "bridge", false, false, Map.of("a", "b"), Map.of(),
        List.of(new IpamPool("10.99.0.0/24", null, null, null))), c);
  }

  @Test
  void readsComposesMinimalBody() {
    Create c = NetworkJson.createRequest(new JsonObject("{\"Name\":\"proj_net\",\"CheckDuplicate\":true,"
        + "\"Labels\":{\"com.docker.compose.network\":\"net\"},\"Attachable\":true}"));
    assertEquals(true, c.attachable());
    assertEquals(List.of(), c.pools());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|INVALID_ARGUMENT",
      "{\"Name\":\"n\",\"EnableIPv6\":true}|INVALID_ARGUMENT",
      "{\"Name\":\"n\",\"IPAM\":{\"Driver\":\"infoblox\"}}|NOT_FOUND",
      "{\"Name\":\"n\",\"IPAM\":{\"Config\":[{\"Gateway\":\"10.0.0.1\"}]}}|INVALID_ARGUMENT",
  })
  void rejectsBadBodies(String json, ErrorCategory expected) {
    WharfException e = assertThrows(WharfException.class, () -> NetworkJson.createRequest(new JsonObject(json)));
    assertEquals(expected, e.category());
  }

  @Test
  void writesTheInspectShapeWithContainers() {
    NetworkRecord n = new NetworkRecord("abc", "net1", "bridge", "2026-11-27T17:34:04.659481423Z", false, false,
        Map.of(), Map.of(), List.of(new IpamPool("172.18.0.0/16", "172.18.0.1", null, null)));
    Endpoint e = new Endpoint("ep1", "abc", "c1", "web", "172.18.0.2", 16, "172.18.0.1", "02:42:ac:12:00:02", List.of());
    JsonObject json = NetworkJson.network(new Details(n, List.of(e)), true);
    assertEquals(new JsonObject().put("Name", "web").put("EndpointID", "ep1").put("MacAddress", "02:42:ac:12:00:02")
        .put("IPv4Address", "172.18.0.2/16").put("IPv6Address", ""), json.getJsonObject("Containers").getJsonObject("c1"));
    assertEquals("{\"Subnet\":\"172.18.0.0/16\",\"Gateway\":\"172.18.0.1\"}",
        json.getJsonObject("IPAM").getJsonArray("Config").getJsonObject(0).encode());
    assertEquals(List.of("Name", "Id", "Created", "Scope", "Driver", "EnableIPv6", "IPAM", "Internal", "Attachable",
        "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels"), List.copyOf(json.fieldNames()));
    assertEquals(0, NetworkJson.network(new Details(n, List.of(e)), false).getJsonObject("Containers").size());
  }
}
