package io.wharf.node.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.exec.ExecRequests;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecTableTest {
  private static ExecRecord created(String id, String container) {
    ExecRequests.Create req = new ExecRequests.Create(container, List.of("sh", "-c", "exit 5"), null, "1000", null,
        false, false, true, true, false, null, null);
    return new ExecRecord(id, req, ExecRecord.State.CREATED, 0, null);
  }

  @Test
  void startsOnceAndReportsTheFinalState() {
    ExecTable t = new ExecTable();
    ExecRecord r = created("e1", "c1");
    t.put(r);
    t.claimStart(r, r.running(0));
    WharfException again = assertThrows(WharfException.class, () -> t.claimStart(r, r.running(0)));
    assertEquals(ErrorCategory.CONFLICT, again.category());
    assertEquals("Error: Exec command e1 is already running", again.getMessage());
    t.update("e1", x -> x.running(42));
    assertEquals(List.of("e1"), t.running().stream().map(ExecRecord::id).toList());
    t.update("e1", x -> x.exited(5));
    ExecRequests.Details d = t.require("e1").details();
    assertFalse(d.running());
    assertEquals(5, d.exitCode());
    assertEquals(42, d.pid());
    assertEquals("sh", d.entrypoint());
    assertEquals(List.of("-c", "exit 5"), d.arguments());
    assertEquals("1000", d.user());
    WharfException ran = assertThrows(WharfException.class, () -> t.claimStart(r, r.running(0)));
    assertEquals("Error: Exec command e1 has already run", ran.getMessage());
  }

  @Test
  void createdExecsHaveNoExitCodeYet() {
    ExecRequests.Details d = created("e2", "c1").details();
    assertFalse(d.running());
    assertNull(d.exitCode());
  }

  @Test
  void unknownExecsAndContainerCleanup() {
    ExecTable t = new ExecTable();
    WharfException e = assertThrows(WharfException.class, () -> t.require("nope"));
    assertEquals("No such exec instance: nope", e.getMessage());
    t.put(created("a", "c1"));
    t.put(created("b", "c2"));
    assertEquals(List.of("a"), t.removeOf("c1"));
    assertTrue(t.get("a").isEmpty());
    assertTrue(t.get("b").isPresent());
  }

  @Test
  void liveIdsAreTheContainersCreatedAndRunningExecs() {
    ExecTable t = new ExecTable();
    t.put(created("a", "c1"));
    t.put(created("b", "c1"));
    t.put(created("c", "c1"));
    t.put(created("d", "c2"));
    t.update("b", x -> x.running(7));
    t.update("c", x -> x.exited(0));
    assertEquals(List.of("a", "b"), t.liveIdsOf("c1").stream().sorted().toList());
    assertEquals(List.of(), t.liveIdsOf("nope"));
  }
}
