package io.wharf.gateway.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedNetnsAffinityTest {
  @Test
  void theTargetsNodeIsAdded() {
    assertEquals(Map.of("node.id", "n2"), SharedNetnsAffinity.merge(Map.of(), "abc", "n2"));
    assertEquals(Map.of("node.id", "n2"), SharedNetnsAffinity.merge(Map.of("node.id", "n2"), "abc", "n2"));
    assertEquals(Map.of(), SharedNetnsAffinity.merge(Map.of(), "abc", null), "unknown target: the node says so at start");
  }

  @Test
  void volumesOnAnotherNodeConflict() {
    WharfException e = assertThrows(WharfException.class,
        () -> SharedNetnsAffinity.merge(Map.of("node.id", "n1"), "abc", "n2"));
    assertEquals(ErrorCategory.CONFLICT, e.category());
    assertEquals("container abc runs on node n2 but the container's volumes live on node n1", e.getMessage());
  }
}
