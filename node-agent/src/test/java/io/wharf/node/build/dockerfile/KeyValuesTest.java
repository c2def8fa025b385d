package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {
  private static Map<String, String> pairsOf(String line, Map<String, String> env) throws Exception {
    Instruction i = DockerfileParser.parse("FROM a\n" + line).stages().get(0).instructions().get(0);
    return KeyValues.parse(i.args(), env, '\\', i.keyword());
  }

  @Test
  void newFormQuotesAndExpansionAgainstTheOldEnv() throws Exception {
    Map<String, String> pairs = pairsOf("ENV A=1 B=\"x y\" C=$A D='$A' E=a\\ b", Map.of("A", "0"));
    assertEquals(Map.of("A", "1", "B", "x y", "C", "0", "D", "$A", "E", "a b"), pairs);
    assertEquals(List.of("A", "B", "C", "D", "E"), List.copyOf(pairs.keySet()));
  }

  @Test
  void oldFormKeepsTheRestOfTheLine() throws Exception {
    assertEquals(Map.of("GREETING", "hello   world"), pairsOf("ENV GREETING hello   world", Map.of()));
    assertEquals(Map.of("L", "a \"b\""), pairsOf("LABEL L a \\\"b\\\"", Map.of()));
  }

  @Test
  void quotedKeysAndEmptyValues() throws Exception {
    assertEquals(Map.of("a b", "c", "e", ""), pairsOf("LABEL \"a b\"=c e=", Map.of()));
  }

  @Test
  void badInput() throws Exception {
    DockerfileException blank = assertThrows(DockerfileException.class, () -> pairsOf("LABEL =x", Map.of()));
    assertEquals("LABEL names can not be blank", blank.getMessage());
    assertThrows(DockerfileException.class, () -> KeyValues.parse(List.of("a=1", "b"), Map.of(), '\\'));
    assertThrows(DockerfileException.class, () -> KeyValues.parse(List.of("a=${x"), Map.of(), '\\'));
    assertEquals(Map.of(), KeyValues.parse(List.of(), Map.of(), '\\'));
  }
}
