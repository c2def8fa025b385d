package io.wharf.node.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DetachKeysTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "ctrl-p,ctrl-q; 16 17",
      "ctrl-x,x; 24 120",
      "CTRL-A; 1",
      "a,b,c; 97 98 99",
      "ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_; 0 27 28 29 30 31",
      "ctrl-z; 26"})
  void parsesDockersNotation(String spec, String codes) {
    String[] parts = codes.split(" ");
    byte[] expected = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      expected[i] = (byte) Integer.parseInt(parts[i]);
    }
    assertArrayEquals(expected, DetachKeys.parse(spec, "detach keys"));
  }

  @Test
  void emptyIsTheDefault() {
    assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(null, "detach keys"));
    assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse("", "detach keys"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ctrl-", "ctrl-1", "ctrl-pp", "shift-a", "ab", "ctrl-p,,x", "ctrl-p,"})
  void refusesWhatDockerRefuses(String spec) {
    WharfException e = assertThrows(WharfException.class, () -> DetachKeys.parse(spec, "escape keys"));
    assertEquals("Invalid escape keys (" + spec + ") provided", e.getMessage());
  }

  @Test
  void passesOrdinaryInputAndDetachesOnTheSequence() {
    DetachKeys.Scanner s = new DetachKeys.Scanner(DetachKeys.DEFAULT);
    assertEquals(fed("ls\r", false), s.feed(bytes("ls\r")));
    assertEquals(fed("ab", true), s.feed(new byte[] {'a', 'b', 16, 17, 'z'}));
  }

  @Test
  void holdsBackAPossibleStartAcrossReadsAndReleasesItWhenBroken() {
    DetachKeys.Scanner s = new DetachKeys.Scanner(DetachKeys.DEFAULT);
    assertEquals(fed("x", false), s.feed(new byte[] {'x', 16}));
    assertEquals(new DetachKeys.Fed(new byte[] {16, 'y'}, false), s.feed(bytes("y")));
    assertEquals(fed("", false), s.feed(new byte[] {16}));
    assertEquals(new DetachKeys.Fed(new byte[] {16}, false), s.feed(new byte[] {16}));
    assertEquals(fed("", true), s.feed(new byte[] {17}));
  }

  @Test
  void aSingleKeyDetachesAtOnce() {
    DetachKeys.Scanner s = new DetachKeys.Scanner(DetachKeys.parse("ctrl-x", "detach keys"));
    assertEquals(fed("abc", true), s.feed(new byte[] {'a', 'b', 'c', 24, 'd'}));
  }

  private static DetachKeys.Fed fed(String forward, boolean detach) {
    return new DetachKeys.Fed(bytes(forward), detach);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
