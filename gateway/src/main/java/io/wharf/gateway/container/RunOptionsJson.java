package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.DeviceMapping;
import io.wharf.api.container.HealthConfig;
import io.wharf.api.container.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-option parts of a create body: HostConfig.Tmpfs, Ulimits, Devices, Sysctls, LogConfig and
 * Config.Healthcheck, in both directions (request -> records for create, records -> JSON for
 * inspect). Absent fields become empty collections or null.
 */
public final class RunOptionsJson {
  private RunOptionsJson() {}

  static final String JSON_FILE = "json-file";

  /** A {@code {"k":"v"}} object field; values must be strings (Docker's map[string]string). */
  static Map<String, String> stringMap(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof JsonObject obj)) {
      throw WharfException.invalid("invalid " + key + ": expected an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    obj.forEach(e -> {
      if (e.getValue() != null && !(e.getValue() instanceof String)) {
        throw WharfException.invalid("invalid " + key + " value for " + e.getKey() + ": expected a string");
      }
      out.put(e.getKey(), e.getValue() == null ? "" : (String) e.getValue());
    });
    return out;
  }

  static List<Ulimit> ulimits(Object v) {
    List<Ulimit> out = new ArrayList<>();
    for (JsonObject u : objects(v, "Ulimits")) {
      String name = u.getString("Name");
      if (name == null || name.isEmpty()) {
        throw WharfException.invalid("invalid Ulimits: an entry has no Name");
      }
      out.add(new Ulimit(name, CreateRequestTranslator.longOf(u, "Soft"), CreateRequestTranslator.longOf(u, "Hard")));
    }
    return out;
  }

  static List<DeviceMapping> devices(Object v) {
    List<DeviceMapping> out = new ArrayList<>();
    for (JsonObject d : objects(v, "Devices")) {
      String host = d.getString("PathOnHost");
      if (host == null || host.isEmpty()) {
        throw WharfException.invalid("invalid Devices: an entry has no PathOnHost");
      }
      String inContainer = d.getString("PathInContainer");
      String perms = d.getString("CgroupPermissions");
      out.add(new DeviceMapping(host, inContainer == null || inContainer.isEmpty() ? host : inContainer,
          perms == null || perms.isEmpty() ? "rwm" : perms));
    }
    return out;
  }

  /** LogConfig.Config; only the json-file driver (Type "" or "json-file") is supported. */
  static Map<String, String> logOptions(JsonObject logConfig) {
    String type = logConfig.getString("Type");
    if (type != null && !type.isEmpty() && !type.equals(JSON_FILE)) {
      throw WharfException.invalid("logging driver " + type + " is not supported: only json-file is");
    }
    return stringMap(logConfig, "Config");
  }

  static HealthConfig healthcheck(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject h)) {
      throw WharfException.invalid("invalid Healthcheck: expected an object");
    }
    return new HealthConfig(CreateRequestTranslator.words(h, "Test"), CreateRequestTranslator.longOf(h, "Interval"),
        CreateRequestTranslator.longOf(h, "Timeout"), CreateRequestTranslator.longOf(h, "StartPeriod"),
        (int) CreateRequestTranslator.longOf(h, "Retries"));
  }

  public static JsonObject healthcheckJson(HealthConfig h) {
    JsonObject o = new JsonObject().put("Test", new JsonArray(h.test() == null ? List.of() : new ArrayList<>(h.test())));
    putIfSet(o, "Interval", h.interval());
    putIfSet(o, "Timeout", h.timeout());
    putIfSet(o, "StartPeriod", h.startPeriod());
    putIfSet(o, "Retries", h.retries());
    return o;
  }

  static JsonArray ulimitsJson(List<Ulimit> ulimits) {
    JsonArray a = new JsonArray();
    if (ulimits != null) {
      ulimits.forEach(u -> a.add(new JsonObject().put("Name", u.name()).put("Hard", u.hard()).put("Soft", u.soft())));
    }
    return a;
  }

  static JsonArray devicesJson(List<DeviceMapping> devices) {
    JsonArray a = new JsonArray();
    if (devices != null) {
      devices.forEach(d -> a.add(new JsonObject().put("PathOnHost", d.pathOnHost())
          .put("PathInContainer", d.pathInContainer()).put("CgroupPermissions", d.cgroupPermissions())));
    }
    return a;
  }

  static JsonObject mapJson(Map<String, String> m) {
    JsonObject o = new JsonObject();
    if (m != null) {
      m.forEach(o::put);
    }
    return o;
  }

  private static void putIfSet(JsonObject o, String key, long value) {
    if (value != 0) {
      o.put(key, value);
    }
  }

  private static List<JsonObject> objects(Object v, String key) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray arr)) {
      throw WharfException.invalid("invalid " + key + ": expected a list");
    }
    List<JsonObject> out = new ArrayList<>();
    for (Object x : arr) {
      if (!(x instanceof JsonObject o)) {
        throw WharfException.invalid("invalid " + key + ": expected a list of objects");
      }
      out.add(o);
    }
    return out;
  }
}
