package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CriLogTest {
  static final long T0 = 1_795_800_862_611_376_905L; // 2026-11-27T17:34:22.611376905Z

  static CriLog.Line parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return CriLog.parse(b, 0, b.length);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-11-27T17:34:22.611376905+00:00 stdout F out line 7|stdout|false|out line 7|0",
      "2026-11-27T17:34:22.611376905Z stderr P part|stderr|true|part|0",
      "2026-11-27T18:34:22.611376905+01:00 stdout F |stdout|false||0",
      "2026-11-27T18:34:22.611376905+01:00 stdout F|stdout|false||0",
      "'2026-11-27T17:34:23.611376905+00:00 stdout F  two  spaces '|stdout|false|' two  spaces '|1000000000"})
  void parsesLines(String line, String stream, boolean partial, String text, long offsetNanos) {
    CriLog.Line l = parse(line);
    assertEquals(stream, l.stream());
    assertEquals(partial, l.partial());
    assertEquals(text == null ? "" : text, new String(l.text(), StandardCharsets.UTF_8));
    assertEquals(T0 + offsetNanos, l.timeNanos());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "2026-11-27T17:34:22Z stdin F x", "2026-11-27T17:34:22Z stdout X x",
      "yesterday stdout F x", "2026-11-27T17:34:22Z stdout"})
  void rejectsMalformedLines(String line) {
    assertNull(parse(line));
  }

  @Test
  void joinsPartialsPerStream() {
    List<LogRecord> out = new ArrayList<>();
    CriLog cri = new CriLog(out::add);
    for (String line : List.of(
        "2026-11-27T17:34:22.000000001Z stdout P abc",
        "2026-11-27T17:34:22.000000002Z stderr F err",
        "2026-11-27T17:34:22.000000003Z stdout P def",
        "not a line",
        "2026-11-27T17:34:22.000000004Z stdout F ghi",
        "2026-11-27T17:34:22.000000005Z stderr P tail")) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      cri.accept(b, 0, b.length);
    }
    assertEquals(2, out.size());
    assertEquals("err\n", new String(out.get(0).bytes()));
    assertEquals("stdout", out.get(1).stream());
    assertEquals("abcdefghi\n", new String(out.get(1).bytes()));
    assertTrue(out.get(1).timeNanos() % 10 == 1, "a joined record keeps its first piece's time");
    cri.flushPartials();
    assertEquals("tail", new String(out.get(2).bytes()));
  }
}
