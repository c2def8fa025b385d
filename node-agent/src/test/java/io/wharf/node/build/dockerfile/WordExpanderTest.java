package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordExpanderTest {
  private static final Map<String, String> ENV = Map.of("PWD", "/home", "SHELL", "bash", "EMPTY", "",
      "FILE", "dir/sub/file.tar.gz", "SP", "a  b");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', emptyValue = "", value = {
      "hello|hello",
      "he'll'o|hello",
      "he'llo|ERR",
      "he\\'llo|he'llo",
      "he\\\\'llo|ERR",
      "abc\\\\|abc\\",
      "abc\\|abc",
      "\"abc\\\\\"|abc\\",
      "\"a\\b\"|a\\b",
      "\"a\\\"b\"|a\"b",
      "\"a\\$b\"|a$b",
      "'a\\$b'|a\\$b",
      "$.|$.",
      "$|$",
      "he$1x|hex",
      "he$.x|he$.x",
      "he$pwd.|he.",
      "he$PWD|he/home",
      "he\\$PWD|he$PWD",
      "he\\\\$PWD|he\\/home",
      "\"he\\$PWD\"|he$PWD",
      "'he$PWD'|he$PWD",
      "he${PWD}|he/home",
      "he${PWD:=000}xx|ERR",
      "he${PWD:+${PWD}:}xx|he/home:xx",
      "he${XXX:-000}xx|he000xx",
      "he${PWD:-000}xx|he/homexx",
      "he${XXX:-$PWD}xx|he/homexx",
      "he${XXX:-${PWD:-yyy}}xx|he/homexx",
      "he${XXX:-${YYY:-yyy}}xx|heyyyxx",
      "he${XXX:YYY}|ERR",
      "he${XXX?}|ERR",
      "he${PWD?}|he/home",
      "he${EMPTY:-d}|hed",
      "he${EMPTY-d}|he",
      "he${EMPTY:+d}|he",
      "he${EMPTY+d}|hed",
      "he${EMPTY?}|he",
      "he${EMPTY:?}|ERR",
      "he${XXX+d}|he",
      "${|ERR",
      "${}|ERR",
      "${:}|ERR",
      "${PWD|ERR",
      "${FILE#*/}|sub/file.tar.gz",
      "${FILE##*/}|file.tar.gz",
      "${FILE%.*}|dir/sub/file.tar",
      "${FILE%%.*}|dir/sub/file",
      "${FILE/sub/SUB}|dir/SUB/file.tar.gz",
      "${FILE//[.]/x}|dir/sub/file.tar.gz",
      "${FILE//./_}|dir/sub/file_tar_gz",
      "${FILE/?/X}|Xir/sub/file.tar.gz",
      "'$SP'|$SP",
      "$SP|a  b",
      "\"x$SHELL\"y|xbashy",
      "a b\\ c|a b c",
  })
  void expandsLikeDocker(String word, String expected) {
    if (expected.equals("ERR")) {
      assertThrows(WordExpander.BadSubstitution.class, () -> WordExpander.expand(word, ENV, '\\'));
    } else {
      assertEquals(expected, WordExpander.expand(word, ENV, '\\'));
    }
  }

  @Test
  void backtickEscape() {
    assertEquals("c:\\dir\\$x", WordExpander.expand("c:\\dir\\`$x", Map.of("x", "1"), '`'));
    assertEquals("he$PWD", WordExpander.expand("he`$PWD", ENV, '`'));
  }

  @Test
  void wordsSplitOnUnquotedWhitespaceIncludingValues() {
    assertEquals(List.of("80", "443/udp", "a", "b", "a  b", "c d"),
        WordExpander.expandWords(List.of("80 443/udp", "$SP", "\"$SP\"", "c\\ d", "$EMPTY", "''"), ENV, '\\'));
  }

  @Test
  void errorsNameTheWord() {
    WordExpander.BadSubstitution e = assertThrows(WordExpander.BadSubstitution.class,
        () -> WordExpander.expand("x${A", Map.of(), '\\'));
    assertEquals("failed to process \"x${A\": syntax error: missing '}'", e.getMessage());
    WordExpander.BadSubstitution required = assertThrows(WordExpander.BadSubstitution.class,
        () -> WordExpander.expand("${A:?set it}", Map.of(), '\\'));
    assertTrue(required.getMessage().endsWith("A: set it"), required.getMessage());
  }
}
