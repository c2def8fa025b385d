package io.wharf.registry.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.container.HealthConfig;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageConfig;
import io.wharf.api.image.LayerRef;
import io.wharf.registry.time.Rfc3339;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fields Wharf shows from an image config (Docker/OCI config JSON). */
final class ConfigView {
  private final JsonNode root;

  ConfigView(JsonNode root) {
    this.root = root;
  }

  String text(String field) {
    JsonNode v = root.get(field);
    return v != null && v.isTextual() ? v.asText() : "";
  }

  /** "created" as Unix seconds. */
  long createdSeconds() {
    return Rfc3339.epochSeconds(text("created"));
  }

  Map<String, String> labels() {
    return stringMap(root.path("config").get("Labels"));
  }

  ImageConfig runtimeConfig() {
    JsonNode c = root.path("config");
    return new ImageConfig(emptyToNull(c.path("User").asText("")), strings(c.get("Env")),
        strings(c.get("Cmd")), strings(c.get("Entrypoint")), emptyToNull(c.path("WorkingDir").asText("")),
        stringMap(c.get("Labels")), keys(c.get("ExposedPorts")), keys(c.get("Volumes")),
        emptyToNull(c.path("StopSignal").asText("")), healthcheck(c.get("Healthcheck")));
  }

  /** HEALTHCHECK as the builder stores it: Test, Interval, Timeout, StartPeriod (ns), Retries. */
  static HealthConfig healthcheck(JsonNode h) {
    if (h == null || !h.isObject()) {
      return null;
    }
    return new HealthConfig(strings(h.get("Test")), h.path("Interval").asLong(0), h.path("Timeout").asLong(0),
        h.path("StartPeriod").asLong(0), h.path("Retries").asInt(0));
  }

  /**
   * History newest first, as {@code docker history} shows it: entries that made a layer get that
   * layer's size, empty_layer entries size 0; the top entry carries the image id and tags, the
   * others "&lt;missing&gt;" (Wharf keeps no parent images). Without history, one entry per layer.
   */
  List<HistoryEntry> history(String imageId, List<String> tags, List<LayerRef> layers) {
    List<HistoryEntry> oldestFirst = new ArrayList<>();
    JsonNode history = root.get("history");
    int layer = 0;
    if (history != null && history.isArray() && history.size() > 0) {
      for (JsonNode h : history) {
        boolean empty = h.path("empty_layer").asBoolean(false);
        long size = !empty && layer < layers.size() ? layers.get(layer++).size() : 0;
        oldestFirst.add(new HistoryEntry("<missing>", Rfc3339.epochSeconds(h.path("created").asText(null)),
            h.path("created_by").asText(""), null, size, h.path("comment").asText("")));
      }
    } else {
      for (LayerRef l : layers) {
        oldestFirst.add(new HistoryEntry("<missing>", createdSeconds(), "", null, l.size(), ""));
      }
    }
    List<HistoryEntry> newestFirst = new ArrayList<>();
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      HistoryEntry h = oldestFirst.get(i);
      boolean top = newestFirst.isEmpty();
      newestFirst.add(top ? new HistoryEntry(imageId, h.created(), h.createdBy(), tags.isEmpty() ? null : tags,
          h.size(), h.comment()) : h);
    }
    return newestFirst;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Map<String, String> stringMap(JsonNode obj) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  static List<String> keys(JsonNode obj) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
