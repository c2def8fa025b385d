package io.wharf.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import java.util.ArrayList;

/**
 * A JSON request body read the way dockerd's Go decoder reads it: a member whose value is
 * {@code null} counts as absent (docker-java sends {@code "Force": null}, {@code "EndpointConfig":
 * null}...), so {@code getBoolean(key, default)} and friends see their default. Malformed JSON is
 * INVALID_ARGUMENT.
 */
public final class RequestJson {
  private RequestJson() {}

  /** The body as an object without null members (recursively); an empty body is an empty object. */
  public static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      return new JsonObject();
    }
    try {
      return withoutNulls(new JsonObject(body));
    } catch (DecodeException | ClassCastException e) {
      throw WharfException.invalid("invalid JSON: " + e.getMessage());
    }
  }

  static JsonObject withoutNulls(JsonObject o) {
    for (String key : new ArrayList<>(o.fieldNames())) {
      Object v = o.getValue(key);
      if (v == null) {
        o.remove(key);
      } else if (v instanceof JsonObject child) {
        withoutNulls(child);
      } else if (v instanceof JsonArray array) {
        array.forEach(item -> {
          if (item instanceof JsonObject child) {
            withoutNulls(child);
          }
        });
      }
    }
    return o;
  }
}
