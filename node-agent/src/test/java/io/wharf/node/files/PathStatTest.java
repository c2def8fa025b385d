package io.wharf.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathStatTest {
  @ParameterizedTest
  @CsvSource({
      "0100644, 420",          // regular 0644
      "040755,  2147484141",   // directory 0755 (dockerd's capture)
      "0120777, 134218239",    // symlink
      "041777,  2148532735",   // sticky /tmp: dir | sticky | 0777
      "0104755, 8389101",      // setuid binary
      "020666,  69206454",     // char device: device | char device | 0666
      "010644,  33554852",     // fifo
  })
  void unixModeBecomesGoFileMode(String unixOctal, long go) {
    assertEquals(go, PathStat.goFileMode(Integer.parseInt(unixOctal, 8)));
  }

  @Test
  void headerIsBase64OfDockersJson() {
    PathStat s = new PathStat("cpin.txt", 12, 420, Instant.parse("2026-11-27T17:34:30Z"), "");
    String json = "{\"name\":\"cpin.txt\",\"size\":12,\"mode\":420,\"mtime\":\"2026-11-27T17:34:30Z\",\"linkTarget\":\"\"}";
    assertEquals(json, s.json());
    assertEquals(json, new String(Base64.getDecoder().decode(s.header()), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
      "2026-11-27T17:34:29.247029925Z, 2026-11-27T17:34:29.247029925Z",
      "2026-11-27T17:34:29.250000000Z, 2026-11-27T17:34:29.25Z",
      "2026-11-27T17:34:29Z,           2026-11-27T17:34:29Z",
  })
  void mtimeIsRfc3339NanoWithoutTrailingZeros(String in, String out) {
    assertEquals(out, PathStat.rfc3339Nano(Instant.parse(in)));
  }
}
