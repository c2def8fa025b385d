package io.wharf.gateway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.gateway.http.ApiVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeV1ShapesTest {
  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "1.47, docker-compose/1.29.2 docker-py/6.1.3 Linux/6.1, 1.44",
      "1.45, docker-compose/1.29.2 docker-py/6.1.3 Linux/6.1, 1.44",
      "1.41, docker-compose/1.29.2 docker-py/6.1.3 Linux/6.1, 1.41",
      "1.47, Docker-Client/27.5.1 (linux), 1.47",
      "1.47, docker-compose/2.20.0, 1.47",
      "1.47, null, 1.47",
  })
  void onlyComposeV1KeepsContainerConfig(String asked, String userAgent, String answered) {
    assertEquals(ApiVersion.parse(answered), ComposeV1Shapes.imageInspect(ApiVersion.parse(asked), userAgent));
  }
}
