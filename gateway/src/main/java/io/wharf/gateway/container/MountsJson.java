package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.MountSpec;

/** The inspect {@code Mounts} array, in Docker's shape. */
final class MountsJson {
  private MountsJson() {}

  static JsonArray mounts(java.util.List<MountSpec> mounts) {
    JsonArray out = new JsonArray();
    if (mounts == null) {
      return out;
    }
    for (MountSpec m : mounts) {
      out.add(entry(m));
    }
    return out;
  }

  static JsonObject entry(MountSpec m) {
    JsonObject o = new JsonObject().put("Type", m.type());
    if (MountSpec.VOLUME.equals(m.type()) || (MountSpec.TMPFS.equals(m.type()) && m.source() != null)) {
      o.put("Type", MountSpec.VOLUME).put("Name", m.source()).put("Source", m.hostPath() == null ? "" : m.hostPath())
          .put("Destination", m.target()).put("Driver", "local").put("Mode", m.readOnly() ? "ro" : "z")
          .put("RW", !m.readOnly()).put("Propagation", "");
    } else if (MountSpec.BIND.equals(m.type())) {
      o.put("Source", m.source()).put("Destination", m.target()).put("Mode", m.readOnly() ? "ro" : "")
          .put("RW", !m.readOnly()).put("Propagation", m.propagation() == null ? "rprivate" : m.propagation());
    } else {
      o.put("Source", "").put("Destination", m.target()).put("Mode", "").put("RW", !m.readOnly())
          .put("Propagation", "");
    }
    return o;
  }
}
