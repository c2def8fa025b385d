package io.wharf.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import io.wharf.api.volume.VolumeRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeFiltersTest {
  private static final VolumeRecord USED = new VolumeRecord("data1", "local", "/x", Map.of("env", "prod", "k", ""),
      Map.of(), "2026-01-01T00:00:00Z", "n1", false, List.of("c1"));
  private static final VolumeRecord FREE = USED.withUsers(List.of());

  @ParameterizedTest
  @CsvSource({
      "dangling, true, false, true",
      "dangling, 0, true, false",
      "name, ata, true, true",
      "name, zzz, false, false",
      "driver, local, true, true",
      "driver, nfs, false, false",
      "label, env, true, true",
      "label, env=prod, true, true",
      "label, env=dev, false, false",
  })
  void table(String key, String value, boolean usedMatches, boolean freeMatches) {
    Map<String, List<String>> f = Map.of(key, List.of(value));
    assertEquals(usedMatches, VolumeFilters.matches(USED, f));
    assertEquals(freeMatches, VolumeFilters.matches(FREE, f));
  }

  @ParameterizedTest
  @CsvSource({"colour, x", "dangling, maybe"})
  void badFiltersAreRefused(String key, String value) {
    Map<String, List<String>> f = Map.of(key, List.of(value));
    assertThrows(WharfException.class, () -> {
      VolumeFilters.requireKnown(f);
      VolumeFilters.matches(USED, f);
    });
  }
}
