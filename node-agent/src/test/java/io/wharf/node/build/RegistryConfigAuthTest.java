package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryConfigAuthTest {
  static final String CONFIG = Base64.getEncoder().encodeToString(("{\"https://index.docker.io/v1/\":{\"username\":\"hub\"},"
      + "\"127.0.0.1:5000\":{\"username\":\"local\",\"password\":\"pw\"}}").getBytes(StandardCharsets.UTF_8));

  static String decoded(String auth) {
    return new String(Base64.getUrlDecoder().decode(auth), StandardCharsets.UTF_8);
  }

  @Test
  void picksTheEntryOfTheImagesRegistry() {
    assertEquals("{\"username\":\"hub\"}", decoded(RegistryConfigAuth.forReference(CONFIG, "busybox")));
    assertEquals("{\"username\":\"hub\"}", decoded(RegistryConfigAuth.forReference(CONFIG, "library/busybox:1")));
    assertEquals("{\"username\":\"local\",\"password\":\"pw\"}",
        decoded(RegistryConfigAuth.forReference(CONFIG, "127.0.0.1:5000/app:1")));
    assertNull(RegistryConfigAuth.forReference(CONFIG, "quay.io/x/y"));
  }

  @Test
  void noOrBadHeaderMeansAnonymous() {
    assertNull(RegistryConfigAuth.forReference(null, "busybox"));
    assertNull(RegistryConfigAuth.forReference("e30=", "busybox"));
    assertNull(RegistryConfigAuth.forReference("%%%not base64", "busybox"));
  }
}
