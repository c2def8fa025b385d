package io.wharf.node.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceNodesTest {
  @ParameterizedTest
  @CsvSource({"0,0,0", "1,3,259", "8,0,2048", "8,17,2065", "259,1,66305", "4095,255,1048575", "1,256,1048832"})
  void makedevMatchesGlibc(long major, long minor, long expected) {
    assertEquals(expected, DeviceNodes.makedev(major, minor));
  }
}
