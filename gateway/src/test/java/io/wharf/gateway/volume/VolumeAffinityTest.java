package io.wharf.gateway.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VolumeAffinityTest {
  @Test
  void noKnownVolumeNoConstraint() {
    assertEquals(Map.of(), VolumeAffinity.pick(List.of("v1"), Set.of()));
  }

  @Test
  void volumesOfOneNodePinTheContainerThere() {
    assertEquals(Map.of("node.id", "n2"), VolumeAffinity.pick(List.of("v1", "v2"), Set.of("n2")));
  }

  @Test
  void volumesOnTwoNodesAreAConflict() {
    WharfException e = assertThrows(WharfException.class,
        () -> VolumeAffinity.pick(List.of("v1", "v2"), new LinkedHashSet<>(List.of("n1", "n2"))));
    assertEquals(ErrorCategory.CONFLICT, e.category());
  }
}
