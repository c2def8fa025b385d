package io.wharf.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "./bin/sh|bin/sh",
      "bin/sh|bin/sh",
      "bin//sh|bin/sh",
      "bin/./sh|bin/sh",
      "./|''",
      ".|''",
      "etc/|etc",
      "././a/b/|a/b",
      "..foo/bar|..foo/bar",
      "a/...|a/...",
  })
  void normalizes(String raw, String expected) {
    assertEquals(expected, EntryNames.normalize(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/abs", "/", "a/../../x", "a/..", "..", "./../x", "a/b/../c", "a\0b"})
  void refuses(String raw) {
    WharfException e = assertThrows(WharfException.class, () -> EntryNames.normalize(raw));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().startsWith("layer entry"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', emptyValue = "", value = {"bin/sh|bin|sh", "sh|''|sh", "''|''|''", "a/b/c|a/b|c"})
  void splitsParentAndBase(String name, String parent, String base) {
    assertEquals(parent, EntryNames.parentName(name));
    assertEquals(base, EntryNames.baseName(name));
  }
}
