package io.wharf.node.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image config JSON a build step starts from and changes (architecture, os, config, history,
 * rootfs...), as the registry stores it. A copy per step: the parent's document is never changed.
 * {@code rootfs.diff_ids} is the registry's business (it appends the step's layer).
 */
public final class ImageDoc {
  public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private final ObjectNode doc;

  private ImageDoc(ObjectNode doc) {
    this.doc = doc;
  }

  /** A deep copy of {@code config} (a parent image's config blob). */
  public static ImageDoc of(JsonNode config) {
    ObjectNode copy = config != null && config.isObject() ? ((ObjectNode) config).deepCopy() : Json.MAPPER.createObjectNode();
    return new ImageDoc(copy);
  }

  /** {@code FROM scratch}: no layers, no history, the daemon's platform. */
  public static ImageDoc scratch() {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("architecture", "amd64").put("os", "linux");
    d.putObject("config").putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    d.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    return new ImageDoc(d);
  }

  public ImageDoc copy() {
    return new ImageDoc(doc.deepCopy());
  }

  public ObjectNode json() {
    return doc;
  }

  /** The runtime config object ("config"), created when absent. */
  public ObjectNode config() {
    JsonNode c = doc.get("config");
    return c != null && c.isObject() ? (ObjectNode) c : doc.putObject("config");
  }

  /** Env as an ordered map (KEY -> value). */
  public Map<String, String> env() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : strings(config().get("Env"))) {
      int eq = e.indexOf('=');
      out.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    return out;
  }

  public void setEnv(Map<String, String> env) {
    ArrayNode a = config().putArray("Env");
    env.forEach((k, v) -> a.add(k + "=" + v));
  }

  public String workingDir() {
    return config().path("WorkingDir").asText("");
  }

  public String user() {
    return config().path("User").asText("");
  }

  /** SHELL, or Docker's default /bin/sh -c. */
  public List<String> shell() {
    List<String> s = strings(config().get("Shell"));
    return s.isEmpty() ? DEFAULT_SHELL : s;
  }

  public List<String> onBuild() {
    return strings(config().get("OnBuild"));
  }

  public List<String> diffIds() {
    return strings(doc.path("rootfs").get("diff_ids"));
  }

  public void setStrings(String field, List<String> values) {
    if (values == null) {
      config().putNull(field);
      return;
    }
    ArrayNode a = config().putArray(field);
    values.forEach(a::add);
  }

  /** A map-of-empty-objects field (ExposedPorts, Volumes) with {@code key} added. */
  public void addKey(String field, String key) {
    JsonNode existing = config().get(field);
    ObjectNode map = existing != null && existing.isObject() ? (ObjectNode) existing : config().putObject(field);
    map.putObject(key);
  }

  /** One more history entry; {@code emptyLayer} for steps that change only the config. */
  public void addHistory(String createdBy, boolean emptyLayer, String created) {
    JsonNode h = doc.get("history");
    ArrayNode history = h != null && h.isArray() ? (ArrayNode) h : doc.putArray("history");
    ObjectNode entry = history.addObject().put("created", created).put("created_by", createdBy);
    if (emptyLayer) {
      entry.put("empty_layer", true);
    }
    doc.put("created", created);
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
