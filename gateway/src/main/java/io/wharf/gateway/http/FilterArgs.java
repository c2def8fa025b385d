package io.wharf.gateway.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code filters} query parameter: URL-decoded JSON in either of the two shapes clients
 * send, the CLI's map form {@code {"label":{"k=v":true}}} and docker-py's list form
 * {@code {"label":["k=v"]}}. Both become key -> list of values.
 */
public final class FilterArgs {
  private final Map<String, List<String>> values;

  private FilterArgs(Map<String, List<String>> values) {
    this.values = values;
  }

  public static FilterArgs none() {
    return new FilterArgs(Map.of());
  }

  /** Parses the raw parameter; null or empty means no filters. Malformed JSON is INVALID_ARGUMENT. */
  public static FilterArgs parse(String json) {
    if (json == null || json.isBlank()) {
      return none();
    }
    JsonObject obj;
    try {
      obj = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw WharfException.invalid("invalid filter '" + json + "'");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : obj.fieldNames()) {
      out.put(key, valuesOf(key, obj.getValue(key)));
    }
    return new FilterArgs(out);
  }

  private static List<String> valuesOf(String key, Object raw) {
    List<String> list = new ArrayList<>();
    if (raw instanceof JsonObject map) {
      for (String v : map.fieldNames()) {
        if (!Boolean.FALSE.equals(map.getValue(v))) {
          list.add(v);
        }
      }
    } else if (raw instanceof JsonArray arr) {
      arr.forEach(v -> list.add(String.valueOf(v)));
    } else if (raw instanceof String s) {
      list.add(s);
    } else {
      throw WharfException.invalid("invalid filter '" + key + "'");
    }
    return list;
  }

  public boolean has(String key) {
    return values.containsKey(key) && !values.get(key).isEmpty();
  }

  public List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  public Map<String, List<String>> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** Fails when a key outside {@code allowed} is present, with Docker's wording. */
  public FilterArgs requireKeys(java.util.Set<String> allowed) {
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw WharfException.invalid("invalid filter '" + key + "'");
      }
    }
    return this;
  }

  /**
   * Docker's label filter: each wanted value is "key" (present) or "key=value" (equal); all must
   * hold.
   */
  public static boolean labelsMatch(List<String> wanted, Map<String, String> labels) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    for (String w : wanted) {
      int eq = w.indexOf('=');
      if (eq < 0 ? !have.containsKey(w) : !w.substring(eq + 1).equals(have.get(w.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }
}
