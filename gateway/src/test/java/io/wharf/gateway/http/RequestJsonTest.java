package io.wharf.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestJsonTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'' | {}",
      "{\"Force\":null} | {}",
      "{\"A\":1,\"E\":{\"IPAMConfig\":null,\"Aliases\":[\"x\"]}} | {\"A\":1,\"E\":{\"Aliases\":[\"x\"]}}",
      "{\"L\":[{\"k\":null,\"v\":2},null]} | {\"L\":[{\"v\":2},null]}",
  })
  void dropsNullMembers(String body, String expected) {
    assertEquals(new JsonObject(expected), RequestJson.object(Buffer.buffer(body)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "[1]", "nul", "{\"a\":}"})
  void malformedIsInvalid(String body) {
    assertThrows(WharfException.class, () -> RequestJson.object(Buffer.buffer(body)));
  }
}
