package io.wharf.node.net.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.PortBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortRequestTest {

  static ContainerSpec spec(List<String> exposed, Map<String, List<PortBinding>> bindings, boolean all) {
    return new ContainerSpec(null, "busybox", null, null, null, null, null, null, null, Map.of(), false, false,
        false, false, false, false, null, null, exposed, null, HostSettings.defaults().withPorts(bindings, all),
        null);
  }

  @Test
  void bindingsBecomeRequests() {
    Map<String, List<PortBinding>> b = new LinkedHashMap<>();
    b.put("80/tcp", List.of(new PortBinding("127.0.0.1", "8080"), new PortBinding("", "")));
    b.put("53/udp", List.of(new PortBinding("", "5300-5310")));
    b.put("81/tcp", List.of());
    assertEquals(List.of(
        new PortRequest("80/tcp", "127.0.0.1", 8080, 8080),
        new PortRequest("80/tcp", "0.0.0.0", 0, 0),
        new PortRequest("53/udp", "0.0.0.0", 5300, 5310)), PortRequest.of(spec(null, b, false)));
  }

  @Test
  void publishAllTakesEveryExposedPortWithoutABinding() {
    Map<String, List<PortBinding>> b = Map.of("80/tcp", List.of(new PortBinding("", "8080")));
    List<PortRequest> r = PortRequest.of(spec(List.of("80/tcp", "443/tcp", "53/udp"), b, true));
    assertEquals(List.of(
        new PortRequest("80/tcp", "0.0.0.0", 8080, 8080),
        new PortRequest("443/tcp", "0.0.0.0", 0, 0),
        new PortRequest("53/udp", "0.0.0.0", 0, 0)), r);
  }

  @Test
  void withoutPublishAllExposedPortsAskForNothing() {
    assertEquals(List.of(), PortRequest.of(spec(List.of("80/tcp"), Map.of(), false)));
  }

  @Test
  void exposedIncludesBoundPortsOnce() {
    Map<String, List<PortBinding>> b = Map.of("80", List.of(new PortBinding("", "8080")));
    assertEquals(List.of("80/tcp", "81/tcp"), PortRequest.exposed(spec(List.of("80/tcp", "81"), b, false)));
  }

  @Test
  void hostTextIsDockersBindingName() {
    assertEquals("0.0.0.0:8080", new PortRequest("80/tcp", "0.0.0.0", 8080, 8080).hostText());
    assertEquals("127.0.0.1:8000-8010", new PortRequest("80/tcp", "127.0.0.1", 8000, 8010).hostText());
    assertEquals("0.0.0.0:0", new PortRequest("80/tcp", "0.0.0.0", 0, 0).hostText());
  }
}
