package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.WharfException;
import io.wharf.api.container.LogRotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotatorTest {
  @TempDir
  Path dir;

  private static String line(int second, String text) {
    return String.format("1970-01-01T00:00:%02d.000000000Z stdout F %s%n", second, text);
  }

  private String texts(Path log) {
    StringBuilder out = new StringBuilder();
    new LogReader(log).readAll(LogQuery.of(null, null, null, false))
        .forEach(r -> out.append(new String(r.bytes()).strip()).append('|'));
    return out.toString();
  }

  @Test
  void rotatesShiftsAndDropsPastMaxFile() throws Exception {
    Path log = dir.resolve("ctr.log");
    AtomicInteger reopened = new AtomicInteger();
    LogRotation rotation = LogRotation.of(Map.of("max-size", "10", "max-file", "3"));
    for (int i = 1; i <= 4; i++) {
      Files.writeString(log, line(i, "l" + i));
      assertTrue(LogRotator.rotateIfDue(log, rotation, reopened::incrementAndGet));
    }
    Files.writeString(log, line(5, "l5"));
    assertEquals(4, reopened.get());
    assertEquals(List.of(dir.resolve("ctr.log.2"), dir.resolve("ctr.log.1")), LogRotator.rotatedOldestFirst(log));
    assertFalse(Files.exists(dir.resolve("ctr.log.3")));
    assertEquals("l3|l4|l5|", texts(log), "docker logs reads the rotated files oldest first");
  }

  @Test
  void belowMaxSizeOrWithoutItNothingHappens() throws Exception {
    Path log = dir.resolve("ctr.log");
    Files.writeString(log, line(1, "x"));
    assertFalse(LogRotator.rotateIfDue(log, LogRotation.of(Map.of("max-size", "1m")), () -> { }));
    assertFalse(LogRotator.rotateIfDue(log, LogRotation.NONE, () -> { }));
    assertFalse(LogRotator.rotateIfDue(dir.resolve("missing"), LogRotation.of(Map.of("max-size", "1")), () -> { }));
  }

  @Test
  void maxFileOneDropsTheOldContent() throws Exception {
    Path log = dir.resolve("ctr.log");
    Files.writeString(log, line(1, "old"));
    assertTrue(LogRotator.rotateIfDue(log, LogRotation.of(Map.of("max-size", "1")), () -> { }));
    assertTrue(LogRotator.rotatedOldestFirst(log).isEmpty());
  }

  @Test
  void sizes() {
    assertEquals(1024, LogRotation.parseSize("1k"));
    assertEquals(10L << 20, LogRotation.parseSize("10m"));
    assertEquals(10L << 20, LogRotation.parseSize("10MB"));
    assertEquals(1L << 30, LogRotation.parseSize("1g"));
    assertEquals(123, LogRotation.parseSize("123"));
    assertThrows(WharfException.class, () -> LogRotation.parseSize("x"));
    assertThrows(WharfException.class, () -> LogRotation.of(Map.of("max-file", "0")));
  }
}
