package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerDirectoryTest {
  static ContainerSummary c(String id, String name, ContainerState state, long created, String image) {
    return new ContainerSummary(id, name, "n1", image, "sha256:" + "9".repeat(64), "sh", created, state, 0, 0, 0,
        Map.of("tier", "web"), "default", false, 0);
  }

  static final String A = "abc1" + "0".repeat(60);
  static final String B = "abc2" + "0".repeat(60);
  /** A container whose NAME is another one's id prefix: exact name wins over prefix. */
  static final List<ContainerSummary> ALL = List.of(
      c(A, "web", ContainerState.RUNNING, 1, "busybox"),
      c(B, "abc1", ContainerState.EXITED, 2, "busybox:latest"));

  @ParameterizedTest
  @CsvSource({"web, web", "/web, web", "abc2, abc1", "abc1, abc1", "ABC, ", "abc10, web"})
  void resolves(String query, String expectedName) {
    if (expectedName == null) {
      WharfException e = assertThrows(WharfException.class, () -> ContainerDirectory.resolve(ALL, query));
      assertEquals(ErrorCategory.NOT_FOUND, e.category());
      assertEquals("No such container: " + query, e.getMessage());
    } else {
      assertEquals(expectedName, ContainerDirectory.resolve(ALL, query).name());
    }
  }

  @org.junit.jupiter.api.Test
  void exactIdAndAmbiguity() {
    assertEquals("web", ContainerDirectory.resolve(ALL, A).name());
    WharfException e = assertThrows(WharfException.class, () -> ContainerDirectory.resolve(ALL, "abc"));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("Multiple IDs found with provided prefix: abc", e.getMessage());
    assertThrows(WharfException.class, () -> ContainerDirectory.resolve(ALL, ""));
  }
}
