package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.node.ContainerRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedNetnsTest {
  private static ContainerRecord target(ContainerState state, int pid) {
    ContainerSpec spec = new ContainerSpec(null, "busybox", null, null, null, null, null, null, null, null, false,
        false, false, false, false, false, null, null, null, null, null, null);
    return new ContainerRecord("abc", "owner", "node-1", spec, spec, "sha256:x", List.of(), 0, state, 0, 0, 0, pid,
        false, "", 0);
  }

  @Test
  void onlyContainerModesNameATarget() {
    assertEquals("web", SharedNetns.targetOf("container:web"));
    assertEquals("", SharedNetns.targetOf("container:"));
    assertNull(SharedNetns.targetOf("host"));
    assertNull(SharedNetns.targetOf("app"));
    assertNull(SharedNetns.targetOf(null));
  }

  @Test
  void theTargetMustExistAndRun() {
    WharfException missing = assertThrows(WharfException.class, () -> SharedNetns.requireRunning("web", null));
    assertEquals(ErrorCategory.NOT_FOUND, missing.category());
    assertEquals("No such container: web", missing.getMessage());
    for (ContainerState s : List.of(ContainerState.CREATED, ContainerState.EXITED)) {
      WharfException e = assertThrows(WharfException.class, () -> SharedNetns.requireRunning("web", target(s, 0)));
      assertEquals(ErrorCategory.CONFLICT, e.category());
      assertEquals("cannot join network of a non running container: web", e.getMessage());
    }
    SharedNetns.requireRunning("web", target(ContainerState.RUNNING, 42));
  }
}
