package io.wharf.gateway.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildAffinityTest {
  @Test
  void theKeyIsTheSortedTagsAndTheDockerfilePath() {
    assertEquals(Optional.of("a:1,b|Dockerfile"), BuildAffinity.key(List.of("b", "a:1"), null));
    assertEquals(BuildAffinity.key(List.of("a:1", "b"), ""), BuildAffinity.key(List.of("b", "a:1"), "Dockerfile"));
    assertEquals(Optional.of("a|sub/Dockerfile.dev"), BuildAffinity.key(List.of("a"), "sub/Dockerfile.dev"));
    assertTrue(BuildAffinity.key(List.of(), "Dockerfile").isEmpty());
    assertTrue(BuildAffinity.key(null, null).isEmpty());
  }

  @Test
  void remembersTheLastNodeAndForgetsTheLeastRecentlyUsedBeyondTheBound() {
    BuildAffinity a = new BuildAffinity();
    assertTrue(a.preferredNode("k").isEmpty());
    a.builtOn("k", "n1");
    a.builtOn("k", "n2");
    assertEquals(Optional.of("n2"), a.preferredNode("k"));
    for (int i = 0; i < BuildAffinity.MAX_ENTRIES; i++) {
      a.builtOn("other" + i, "n1");
    }
    assertTrue(a.preferredNode("k").isEmpty());
    assertEquals(Optional.of("n1"), a.preferredNode("other" + (BuildAffinity.MAX_ENTRIES - 1)));
  }
}
