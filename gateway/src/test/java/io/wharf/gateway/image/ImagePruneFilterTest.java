package io.wharf.gateway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import io.wharf.api.image.ImageSummary;
import io.wharf.gateway.http.FilterArgs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePruneFilterTest {
  private static final long NOW = 1_000_000L * 1_000_000_000L;
  private static final List<ImageSummary> IMAGES = List.of(
      image("sha256:a", List.of("app:1"), List.of(), 100, Map.of("keep", "yes")),
      image("sha256:b", List.of(), List.of(), 200, Map.of()),
      image("sha256:c", List.of(), List.of("reg/app@sha256:1"), 300, Map.of()),
      image("sha256:d", List.of("used:1"), List.of(), 400, Map.of()),
      image("sha256:e", List.of(), List.of(), 999_999, Map.of("keep", "no")));

  static ImageSummary image(String id, List<String> tags, List<String> digests, long created, Map<String, String> labels) {
    return new ImageSummary(id, tags, digests, "", created, 10, labels);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'' | sha256:b,sha256:e",
      "{\"dangling\":[\"true\"]} | sha256:b,sha256:e",
      "{\"dangling\":[\"false\"]} | sha256:a,sha256:b,sha256:c,sha256:e",
      "{\"dangling\":[\"0\"],\"until\":[\"250\"]} | sha256:a,sha256:b",
      "{\"dangling\":[\"false\"],\"until\":[\"10m\"]} | sha256:a,sha256:b,sha256:c",
      "{\"dangling\":[\"false\"],\"label\":[\"keep\"]} | sha256:a,sha256:e",
      "{\"dangling\":[\"false\"],\"label!\":[\"keep=yes\"]} | sha256:b,sha256:c,sha256:e",
  })
  void selects(String filters, String expected) {
    ImagePruneFilter f = new ImagePruneFilter(FilterArgs.parse(filters), NOW);
    String got = IMAGES.stream().filter(i -> f.prunes(i, Set.of("sha256:d"))).map(ImageSummary::id)
        .collect(Collectors.joining(","));
    assertEquals(expected, got);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"dangling\":[\"maybe\"]}", "{\"until\":[\"yesterday\"]}", "{\"bogus\":[\"1\"]}",
      "{\"until\":[\"1h\",\"2h\"]}"})
  void badFilters(String filters) {
    assertThrows(WharfException.class, () -> new ImagePruneFilter(FilterArgs.parse(filters), NOW));
  }
}
