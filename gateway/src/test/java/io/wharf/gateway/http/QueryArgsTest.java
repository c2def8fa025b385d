package io.wharf.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.MultiMap;
import io.wharf.api.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryArgsTest {
  @ParameterizedTest
  @CsvSource({"1, true", "0, false", "true, true", "false, false", "True, true", "False, false"})
  void booleansAsClientsSendThem(String raw, boolean expected) {
    assertEquals(expected, QueryArgs.parseBoolean("all", raw, !expected));
  }

  @ParameterizedTest
  @CsvSource({"'', true", "'', false"})
  void emptyMeansDefault(String raw, boolean dflt) {
    assertEquals(dflt, QueryArgs.parseBoolean("all", raw, dflt));
  }

  @Test
  void absentMeansDefault() {
    QueryArgs q = new QueryArgs(MultiMap.caseInsensitiveMultiMap());
    assertEquals(true, q.flag("force", true));
    assertEquals(-1, q.integer("limit", -1));
  }

  @Test
  void garbageIsInvalidArgument() {
    QueryArgs q = new QueryArgs(MultiMap.caseInsensitiveMultiMap().add("all", "yes").add("t", "x"));
    assertThrows(WharfException.class, () -> q.flag("all", false));
    assertThrows(WharfException.class, () -> q.integer("t"));
  }
}
