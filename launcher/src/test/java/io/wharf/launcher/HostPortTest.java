package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10.0.0.1|10.0.0.1:5701",
      "10.0.0.1:5802|10.0.0.1:5802",
      "node-a|node-a:5701",
      "[::1]|[::1]:5701",
      "[::1]:6000|[::1]:6000",
      "fe80::1|[fe80::1]:5701"})
  void normalizes(String text, String expected) {
    assertEquals(expected, HostPort.normalize(text, 5701));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[::1|bad address '[::1': missing ']'",
      "[::1]x|bad address '[::1]x'",
      ":1|bad address ':1': empty host",
      "h:|bad port '' in 'h:' (1-65535)",
      "h:-3|bad port '-3' in 'h:-3' (1-65535)"})
  void rejects(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> HostPort.normalize(text, 5701)).getMessage());
  }
}
