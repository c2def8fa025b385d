package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Small readers for the JSON members of image archives; malformed input is INVALID_ARGUMENT. */
final class JsonTrees {
  private JsonTrees() {}

  static JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode n = Json.MAPPER.readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw WharfException.invalid("invalid archive: " + what + " is empty");
      }
      return n;
    } catch (IOException e) {
      throw WharfException.invalid("invalid archive: " + what + " is not valid JSON: " + e.getMessage());
    }
  }

  static String requiredText(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw WharfException.invalid("invalid archive: " + what + " has no " + field);
    }
    return v.asText();
  }

  /** The strings of a JSON array; null or non-array = empty list. */
  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
