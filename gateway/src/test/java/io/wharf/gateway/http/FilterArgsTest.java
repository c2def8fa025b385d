package io.wharf.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.WharfException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterArgsTest {
  @Test
  void mapFormFromTheCli() {
    FilterArgs f = FilterArgs.parse("{\"label\":{\"k=v\":true},\"dangling\":{\"true\":true},\"x\":{\"no\":false}}");
    assertEquals(List.of("k=v"), f.get("label"));
    assertEquals(List.of("true"), f.get("dangling"));
    assertEquals(List.of(), f.get("x"));
    assertFalse(f.has("x"));
  }

  @Test
  void listFormFromDockerPy() {
    FilterArgs f = FilterArgs.parse("{\"label\":[\"com.docker.compose.project=p\",\"com.docker.compose.oneoff=False\"]}");
    assertEquals(List.of("com.docker.compose.project=p", "com.docker.compose.oneoff=False"), f.get("label"));
  }

  @Test
  void absentIsEmpty() {
    assertTrue(FilterArgs.parse(null).asMap().isEmpty());
    assertTrue(FilterArgs.parse("").asMap().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "[1,2]", "{\"label\":3}", "nonsense"})
  void malformedIsInvalidArgument(String raw) {
    assertThrows(WharfException.class, () -> FilterArgs.parse(raw));
  }

  @Test
  void unknownKeysAreRejected() {
    WharfException e = assertThrows(WharfException.class,
        () -> FilterArgs.parse("{\"bogus\":[\"1\"]}").requireKeys(Set.of("label")));
    assertEquals("invalid filter 'bogus'", e.getMessage());
  }

  @Test
  void labelMatching() {
    Map<String, String> labels = Map.of("a", "1", "b", "");
    assertTrue(FilterArgs.labelsMatch(List.of(), labels));
    assertTrue(FilterArgs.labelsMatch(List.of("a"), labels));
    assertTrue(FilterArgs.labelsMatch(List.of("a=1", "b"), labels));
    assertTrue(FilterArgs.labelsMatch(List.of("b="), labels));
    assertFalse(FilterArgs.labelsMatch(List.of("a=2"), labels));
    assertFalse(FilterArgs.labelsMatch(List.of("c"), labels));
    assertFalse(FilterArgs.labelsMatch(List.of("a"), null));
  }
}
