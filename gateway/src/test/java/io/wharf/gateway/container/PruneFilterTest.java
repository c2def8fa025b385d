package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.gateway.http.FilterArgs;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PruneFilterTest {
  static final long NOW = 1_800_000_000L * 1_000_000_000L;
  static final long HOUR = 3600L * 1_000_000_000L;

  static ContainerSummary container(ContainerState state, long created, Map<String, String> labels) {
    return new ContainerSummary("a".repeat(64), "c", "n1", "busybox", "sha256:x", "true", created, state, 0, 0, 0,
        labels, "default", false, 0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                          | EXITED  | 2  | a=1 | true",
      "''                          | RUNNING | 2  | a=1 | false",
      "''                          | PAUSED  | 2  | a=1 | false",
      "''                          | CREATED | 2  | a=1 | true",
      "{\"until\":[\"1h\"]}         | EXITED  | 2  | a=1 | true",
      "{\"until\":[\"3h\"]}         | EXITED  | 2  | a=1 | false",
      "{\"until\":[\"1h30m\"]}      | EXITED  | 1  | a=1 | false",
      "{\"label\":[\"a\"]}          | EXITED  | 2  | a=1 | true",
      "{\"label\":[\"a=2\"]}        | EXITED  | 2  | a=1 | false",
      "{\"label!\":[\"a=1\"]}       | EXITED  | 2  | a=1 | false",
      "{\"label!\":[\"b\"]}         | EXITED  | 2  | a=1 | true",
      "{\"until\":[\"1795000000\"]} | EXITED  | 2  | a=1 | false",
  })
  void selectsStoppedContainersByAgeAndLabels(String filters, ContainerState state, int hoursAgo, String label,
      boolean pruned) {
    String[] kv = label.split("=");
    PruneFilter f = new PruneFilter(FilterArgs.parse(filters.isEmpty() ? null : filters), NOW);
    assertEquals(pruned, f.prunes(container(state, NOW - hoursAgo * HOUR, Map.of(kv[0], kv[1]))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{\"until\":[\"yesterday\"]}", "{\"name\":[\"x\"]}",
      "{\"until\":[\"1h\",\"2h\"]}"})
  void badFiltersAreRefused(String filters) {
    assertThrows(WharfException.class, () -> new PruneFilter(FilterArgs.parse(filters), NOW));
  }
}
