package io.wharf.registry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wharf.api.Json;
import io.wharf.api.container.HealthConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigViewHealthcheckTest {
  @Test
  void imageHealthcheckIsRead() throws Exception {
    ConfigView v = new ConfigView(Json.MAPPER.readTree("{\"config\":{\"Cmd\":[\"sh\"],\"Healthcheck\":{\"Test\":"
        + "[\"CMD-SHELL\",\"true\"],\"Interval\":1000000000,\"Timeout\":2,\"StartPeriod\":3,\"Retries\":4}}}"));
    assertEquals(new HealthConfig(List.of("CMD-SHELL", "true"), 1_000_000_000L, 2, 3, 4),
        v.runtimeConfig().healthcheck());
    assertNull(new ConfigView(Json.MAPPER.readTree("{\"config\":{}}")).runtimeConfig().healthcheck());
  }
}
