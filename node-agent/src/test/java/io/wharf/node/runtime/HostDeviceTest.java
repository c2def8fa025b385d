package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostDeviceTest {
  @Test
  void scanFindsDevNull() {
    assertTrue(HostDevice.scan(Path.of("/dev")).stream()
        .anyMatch(d -> d.path().equals("/dev/null") && d.type().equals("c") && d.major() == 1 && d.minor() == 3),
        "/dev/null is c 1:3");
  }
}
