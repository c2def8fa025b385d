package io.wharf.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountTableTest {
  @Test
  void readsTheMountPointColumn() {
    List<String> lines = List.of(
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda rw",
        "97 22 0:45 / /run/wharf/c/3f2a/rootfs rw,relatime - overlay overlay rw,lowerdir=/a:/b",
        "98 22 0:46 / /mnt/with\\040space rw - tmpfs tmpfs rw",
        "short line");
    assertEquals(List.of("/", "/run/wharf/c/3f2a/rootfs", "/mnt/with space"), MountTable.parseMountPoints(lines));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"a\\040b|a b", "tab\\011x|tab\tx", "back\\134slash|back\\slash",
      "plain|plain", "trail\\04|trail\\04", "bad\\089|bad\\089"})
  void decodesOctalEscapes(String field, String expected) {
    assertEquals(expected, MountTable.unescape(field));
  }

  @Test
  void rootIsAlwaysMounted() {
    assertTrue(MountTable.isMountPoint(Path.of("/proc")));
  }
}
