package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {
  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      // patterns (';' = newline) | path | excluded
      "*.md|README.md|true",
      "*.md|docs/README.md|false",
      "**/*.md|docs/a/README.md|true",
      "**/*.md|README.md|true",
      "docs|docs/a/b.txt|true",
      "docs/|docs/a|true",
      "/docs|docs|true",
      "./docs//a/|docs/a/x|true",
      "docs;!docs/keep.txt|docs/keep.txt|false",
      "docs;!docs/keep.txt|docs/drop.txt|true",
      "!keep;*|keep|true",
      "*;!keep|keep|false",
      "*;!keep|other|true",
      "**|any/thing|true",
      "a/**/b|a/b|true",
      "a/**/b|a/x/y/b|true",
      "a/**/b|a/x/y/c|false",
      "a/**|a/x|true",
      "te?t|test|true",
      "te?t|te/t|false",
      "[a-c]at|bat|true",
      "[!a-c]at|bat|false",
      "[!a-c]at|rat|true",
      "fo\\*|fo*|true",
      "fo\\*|foo|false",
      "file.txt|fileXtxt|false",
      "  # comment ;  spaced.txt  |spaced.txt|true",
      "#file|#file|false",
      "node_modules|src/node_modules|false",
      "**/node_modules|src/node_modules/x.js|true",
      "[a-|[a-|true",
      "x|./x|true",
      "../x|x|false",
  })
  void matchesLikeDocker(String patterns, String path, boolean excluded) {
    DockerIgnore ignore = DockerIgnore.parse(patterns.replace(";", "\n"));
    assertEquals(excluded, ignore.excluded(path));
  }

  @Test
  void emptyFileExcludesNothing() {
    assertTrue(DockerIgnore.parse("# only\n\n").isEmpty());
    assertEquals(false, DockerIgnore.none().excluded("a"));
    assertEquals(false, DockerIgnore.parse("*").excluded("."), "the root itself is never excluded");
  }
}
