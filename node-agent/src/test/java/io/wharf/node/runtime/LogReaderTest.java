package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogReaderTest {
  @TempDir
  Path dir;

  /** Lines at Unix seconds 100..104; "c" is split into two partials; a torn line at the end. */
  static final String LOG = String.join("\n",
      "1970-01-01T00:01:40.000000000Z stdout F a",
      "1970-01-01T00:01:41.000000000Z stderr F b",
      "1970-01-01T00:01:42.000000000Z stdout P c1",
      "1970-01-01T00:01:42.500000000Z stdout F c2",
      "1970-01-01T00:01:43.000000000Z stdout F d",
      "1970-01-01T00:01:44.000000000Z stdout F e",
      "1970-01-01T00:01:45.000000000Z stdout F torn-no-newline");

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of(LogQuery.of(null, null, null, false), "a|b|c1c2|d|e"),
        Arguments.of(LogQuery.of("all", "", "", false), "a|b|c1c2|d|e"),
        Arguments.of(LogQuery.of("2", null, null, false), "d|e"),
        Arguments.of(LogQuery.of("0", null, null, false), ""),
        Arguments.of(LogQuery.of("99", null, null, false), "a|b|c1c2|d|e"),
        Arguments.of(LogQuery.of("bogus", null, null, false), "a|b|c1c2|d|e"),
        Arguments.of(LogQuery.of("all", "102", null, false), "c1c2|d|e"),
        Arguments.of(LogQuery.of("all", "101.5", "103", false), "c1c2|d"),
        Arguments.of(LogQuery.of("all", null, "100.999999999", false), "a"),
        Arguments.of(LogQuery.of("3", "103", null, false), "d|e"));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void tailSinceUntil(LogQuery query, String expected) throws Exception {
    Path f = dir.resolve("ctr.log");
    Files.writeString(f, LOG);
    List<String> got = new ArrayList<>();
    new LogReader(f).readAll(query).forEach(r -> got.add(new String(r.bytes(), StandardCharsets.UTF_8).strip()));
    assertEquals(expected, String.join("|", got));
  }

  @Test
  void missingFileIsEmpty() {
    assertEquals(List.of(), new LogReader(dir.resolve("none")).readAll(LogQuery.ALL));
  }

  @Test
  void badSinceIsRejected() {
    assertThrows(WharfException.class, () -> LogQuery.of("all", "yesterday", null, false));
    assertThrows(WharfException.class, () -> LogQuery.of("all", "-5", null, false));
  }

  @Test
  void followDeliversAppendedRecordsUntilFinished() throws Exception {
    Path f = dir.resolve("ctr.log");
    Files.writeString(f, "1970-01-01T00:01:40Z stdout F old\n1970-01-01T00:01:41Z stdout F to");
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean finished = new AtomicBoolean();
    CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> new LogReader(f).stream(
        LogQuery.of("all", null, null, true), r -> got.add(new String(r.bytes())), finished::get, new AtomicBoolean()));
    Thread.sleep(300);
    Files.writeString(f, "rn\n1970-01-01T00:01:42Z stderr F new\n", StandardOpenOption.APPEND);
    Thread.sleep(400);
    assertEquals(List.of("old\n", "torn\n", "new\n"), List.copyOf(got));
    Files.writeString(f, "1970-01-01T00:01:43Z stdout F last\n", StandardOpenOption.APPEND);
    finished.set(true);
    follow.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("old\n", "torn\n", "new\n", "last\n"), List.copyOf(got));
  }

  @Test
  void followStopsWhenCancelledAndTailZeroSkipsHistory() throws Exception {
    Path f = dir.resolve("ctr.log");
    Files.writeString(f, "1970-01-01T00:01:40Z stdout F old\n");
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean cancel = new AtomicBoolean();
    CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> new LogReader(f).stream(
        LogQuery.of("0", null, null, true), r -> got.add(new String(r.bytes())), () -> false, cancel));
    Thread.sleep(300);
    Files.writeString(f, "1970-01-01T00:01:41Z stdout F new\n", StandardOpenOption.APPEND);
    Thread.sleep(400);
    cancel.set(true);
    follow.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("new\n"), List.copyOf(got));
  }

  @Test
  void followContinuesAfterRotation() throws Exception {
    Path f = dir.resolve("ctr.log");
    Files.writeString(f, "1970-01-01T00:01:40Z stdout F one\n");
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean finished = new AtomicBoolean();
    CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> new LogReader(f).stream(
        LogQuery.of("all", null, null, true), r -> got.add(new String(r.bytes())), finished::get, new AtomicBoolean()));
    Thread.sleep(300);
    Files.writeString(f, "1970-01-01T00:01:41Z stdout F two\n", StandardOpenOption.APPEND);
    Files.move(f, dir.resolve("ctr.log.1"));
    Files.writeString(f, "1970-01-01T00:01:42Z stdout F three\n");
    Thread.sleep(400);
    finished.set(true);
    follow.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("one\n", "two\n", "three\n"), List.copyOf(got));
  }
}
