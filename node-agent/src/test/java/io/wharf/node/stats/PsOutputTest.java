package io.wharf.node.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PsOutputTest {
  private static final String EF = """
      UID          PID    PPID  C STIME TTY          TIME CMD
      root           1       0  0 20:00 ?        00:00:01 /sbin/init
      root       13477   13457  0 17:33 ?        00:00:00 sleep 300
      root       13564   13457  0 17:34 pts/0    00:00:00 sh -c echo hi; sleep 5
      """;

  @Test
  void keepsOnlyTheContainersRowsAndJoinsTheCommandLine() {
    PsOutput.Table t = PsOutput.filter(EF, Set.of(13477, 13564));
    assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), t.titles());
    assertEquals(List.of(
        List.of("root", "13477", "13457", "0", "17:33", "?", "00:00:00", "sleep 300"),
        List.of("root", "13564", "13457", "0", "17:34", "pts/0", "00:00:00", "sh -c echo hi; sleep 5")), t.processes());
  }

  @Test
  void noPidsNoRows() {
    assertEquals(List.of(), PsOutput.filter(EF, Set.of()).processes());
  }

  @Test
  void outputWithoutAPidColumnIsRefused() {
    WharfException e = assertThrows(WharfException.class, () -> PsOutput.filter("USER COMMAND\nroot sh\n", Set.of(1)));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("Couldn't find PID field in ps output", e.getMessage());
  }

  @Test
  void aNonNumericPidIsRefused() {
    assertThrows(WharfException.class, () -> PsOutput.filter("PID CMD\nabc sh\n", Set.of(1)));
  }
}
