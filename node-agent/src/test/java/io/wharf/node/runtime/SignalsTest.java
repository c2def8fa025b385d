package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalsTest {

  @ParameterizedTest
  @CsvSource({"KILL,9", "SIGKILL,9", "9,9", "sigterm,15", "term,15", "SIGHUP,1", "WINCH,28", "usr1,10",
      "SIGUSR2,12", "IOT,6", "CLD,17", "RTMIN,34", "RTMIN+3,37", "SIGRTMAX-1,63", "RTMAX,64", "64,64", " INT ,2"})
  void parsesNamesAndNumbers(String raw, int expected) {
    assertEquals(expected, Signals.parse(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FOO", "SIGFOO", "0", "65", "-1", "99999999999999", "", "SIG", "RTMIN+16", "KILL9"})
  void rejectsWithDockersWording(String raw) {
    WharfException e = assertThrows(WharfException.class, () -> Signals.parse(raw));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("Invalid signal: " + raw, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void rejectsNull() {
    assertEquals(ErrorCategory.INVALID_ARGUMENT,
        assertThrows(WharfException.class, () -> Signals.parse(null)).category());
  }
}
