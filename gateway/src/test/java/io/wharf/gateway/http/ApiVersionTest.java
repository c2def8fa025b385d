package io.wharf.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiVersionTest {
  @ParameterizedTest
  @CsvSource({
      "/_ping, 1.47",
      "/version, 1.47",
      "/v1.41/containers/json, 1.41",
      "/v1.24/info, 1.24",
      "/v1.47/images/127.0.0.1:5000/app:1/json, 1.47",
      "/v1.47, 1.47",
      "/volumes, 1.47",
      "/v1.22/images/busybox:latest/get, 1.24",
      "/v1.22/images/127.0.0.1:5000/app:1/json, 1.24",
      "/v1.22/images/load, 1.24",
      "/v1.22/_ping, 1.24",
  })
  void acceptedPaths(String path, String version) {
    assertEquals(version, VersionGate.versionOf(path).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/v1.52/version | client version 1.52 is too new. Maximum supported API version is 1.47",
      "/v2.0/info | client version 2.0 is too new. Maximum supported API version is 1.47",
      "/v1.12/info | client version 1.12 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version",
      "/v1.x/info | malformed API version 1.x",
      "/v1.22/containers/json | client version 1.22 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version",
      "/v1.11/images/busybox/get | client version 1.11 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version",
  })
  void rejectedPaths(String path, String message) {
    WharfException e = assertThrows(WharfException.class, () -> VersionGate.versionOf(path));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"1.41, 1.43, true", "1.43, 1.43, false", "1.47, 1.44, false", "1.9, 1.10, true"})
  void ordering(String a, String b, boolean below) {
    String[] parts = b.split("\\.");
    assertEquals(below, ApiVersion.parse(a).below(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
  }
}
