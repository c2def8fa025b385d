package io.wharf.registry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTest {
  private static final List<String> ALL = List.of("a", "b", "c", "d");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "     |    | a,b,c,d | false",
      "2    |    | a,b     | true",
      "2    | b  | c,d     | false",
      "1    | c  | d       | false",
      "0    |    | ''      | true",
      "10   | d  | ''      | false",
      "     | bb | c,d     | false",
      "4    |    | a,b,c,d | false"})
  void pages(Integer n, String last, String expected, boolean more) {
    Page p = Page.of(ALL, n, last);
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), p.entries());
    assertEquals(more, p.more());
  }
}
