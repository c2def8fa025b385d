package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
  @TempDir
  Path dir;

  @Test
  void aSecondHolderFailsAndNamesTheFirst() throws Exception {
    Path file = dir.resolve("sub/wharf.lock");
    try (InstanceLock first = InstanceLock.acquire(file, "data root /x")) {
      assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file));
      WharfException e = assertThrows(WharfException.class, () -> InstanceLock.acquire(file, "data root /x"));
      assertEquals(ErrorCategory.FAILED_PRECONDITION, e.category());
      assertTrue(e.getMessage().startsWith("another wharf daemon (pid " + ProcessHandle.current().pid()
          + ") is using data root /x (lock " + file + " is held)"), e.getMessage());
    }
  }

  @Test
  void releasedLocksCanBeTakenAgain() {
    Path file = dir.resolve("wharf.lock");
    InstanceLock.acquire(file, "x").close();
    InstanceLock.acquire(file, "x").close();
  }
}
