package io.wharf.gateway.volume;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.volume.VolumeRecord;
import java.util.List;
import java.util.Map;

/** Docker's volume JSON: empty Labels and Options are null, Scope is "local". */
public final class VolumeJson {
  private VolumeJson() {}

  public static JsonObject volume(VolumeRecord v) {
    return new JsonObject()
        .put("CreatedAt", v.createdAt())
        .put("Driver", v.driver())
        .put("Labels", mapOrNull(v.labels()))
        .put("Mountpoint", v.mountpoint())
        .put("Name", v.name())
        .put("Options", mapOrNull(v.options()))
        .put("Scope", "local");
  }

  /** {@code docker system df -v}: the volume with UsageData (size in bytes, reference count). */
  public static JsonObject withUsage(VolumeRecord v, long size) {
    return volume(v).put("UsageData", new JsonObject().put("Size", size).put("RefCount", v.usedBy().size()));
  }

  /** The Volumes array of {@code GET /system/df}. */
  public static JsonArray usage(List<io.wharf.api.volume.VolumeRequests.Usage> usages) {
    JsonArray out = new JsonArray();
    usages.forEach(u -> out.add(withUsage(u.volume(), u.size())));
    return out;
  }

  public static JsonObject list(List<VolumeRecord> volumes) {
    JsonArray out = new JsonArray();
    volumes.forEach(v -> out.add(volume(v)));
    return new JsonObject().put("Volumes", out).put("Warnings", null);
  }

  static Map<String, String> stringMap(Object v) {
    if (!(v instanceof JsonObject o)) {
      return Map.of();
    }
    java.util.Map<String, String> m = new java.util.TreeMap<>();
    o.forEach(e -> m.put(e.getKey(), e.getValue() == null ? "" : e.getValue().toString()));
    return m;
  }

  private static JsonObject mapOrNull(Map<String, String> m) {
    if (m == null || m.isEmpty()) {
      return null;
    }
    JsonObject o = new JsonObject();
    m.forEach(o::put);
    return o;
  }
}
