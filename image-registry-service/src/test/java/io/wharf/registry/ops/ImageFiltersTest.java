package io.wharf.registry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFiltersTest {

  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource(delimiter = '|', textBlock = """
      busy*          | busybox:latest         | true
      busybox        | busybox:latest         | true
      busybox:lat*   | busybox:latest         | true
      busybox:1.*    | busybox:latest         | false
      bus?box        | busybox:latest         | true
      b[a-u]sybox    | busybox:latest         | true
      b[^u]sybox     | busybox:latest         | false
      *              | user/app:1             | false
      */*            | user/app:1             | true
      user/*         | user/app:1             | true
      127.0.0.1:5000/* | 127.0.0.1:5000/app:1 | true
      alpine         | busybox:latest         | false
      """)
  void referenceGlobs(String pattern, String tag, boolean listed) {
    ImageFilters f = ImageFilters.parse(Map.of("reference", List.of(pattern)), n -> 0);
    assertEquals(listed, !f.visibleTags(List.of(tag)).isEmpty());
  }

  @Test
  void referenceFilterAlsoSelectsRepoDigests() {
    List<String> names = List.of("reg:5000/app@sha256:1", "busybox@sha256:2");
    assertEquals(List.of("reg:5000/app@sha256:1"),
        ImageFilters.parse(Map.of("reference", List.of("reg:5000/*")), n -> 0).visibleDigests(names));
    assertEquals(names, ImageFilters.parse(Map.of(), n -> 0).visibleDigests(names));
  }

  @Test
  void referenceFilterShowsOnlyMatchingTagsAndHidesUntagged() {
    ImageFilters f = ImageFilters.parse(Map.of("reference", List.of("a*")), n -> 0);
    assertEquals(List.of("app:1"), f.visibleTags(List.of("app:1", "bbb:2")));
    assertEquals(false, f.accepts(List.of(), List.of(), 10, null));
  }

  @ParameterizedTest(name = "{0}={1} tagged={2}")
  @CsvSource(delimiter = '|', textBlock = """
      dangling | true  | false | true
      dangling | true  | true  | false
      dangling | false | true  | true
      dangling | 0     | false | false
      dangling | 1     | false | true
      """)
  void dangling(String key, String value, boolean tagged, boolean listed) {
    ImageFilters f = ImageFilters.parse(Map.of(key, List.of(value)), n -> 0);
    List<String> tags = tagged ? List.of("a:1") : List.of();
    assertEquals(listed, f.accepts(tags, f.visibleTags(tags), 10, null));
  }

  @ParameterizedTest(name = "label={0}")
  @CsvSource(delimiter = '|', textBlock = """
      org.example        | true
      org.example=test   | true
      org.example=other  | false
      missing            | false
      """)
  void labels(String filter, boolean listed) {
    ImageFilters f = ImageFilters.parse(Map.of("label", List.of(filter)), n -> 0);
    assertEquals(listed, f.accepts(List.of("a:1"), List.of("a:1"), 10, Map.of("org.example", "test")));
    assertEquals(false, f.accepts(List.of("a:1"), List.of("a:1"), 10, null));
  }

  @Test
  void beforeAndSinceAreStrict() {
    ImageFilters before = ImageFilters.parse(Map.of("before", List.of("ref")), n -> 100);
    ImageFilters since = ImageFilters.parse(Map.of("since", List.of("ref")), n -> 100);
    assertEquals(true, before.accepts(List.of(), List.of(), 99, null));
    assertEquals(false, before.accepts(List.of(), List.of(), 100, null));
    assertEquals(true, since.accepts(List.of(), List.of(), 101, null));
    assertEquals(false, since.accepts(List.of(), List.of(), 100, null));
  }

  @Test
  void refusesUnknownKeysAndBadValues() {
    WharfException e = assertThrows(WharfException.class,
        () -> ImageFilters.parse(Map.of("colour", List.of("red")), n -> 0));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("invalid filter 'colour'", e.getMessage());
    e = assertThrows(WharfException.class, () -> ImageFilters.parse(Map.of("dangling", List.of("maybe")), n -> 0));
    assertEquals("Invalid filter 'dangling=maybe'", e.getMessage());
    assertThrows(WharfException.class, () -> ImageFilters.parse(Map.of("reference", List.of("[")), n -> 0));
  }
}
