package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import java.util.List;

/** The {@code HostConfig} section of container inspect. */
final class HostConfigJson {
  private HostConfigJson() {}

  static JsonObject of(HostSettings h, String networkMode) {
    HostSettings s = h == null ? HostSettings.defaults() : h;
    RestartPolicy rp = s.restartPolicy() == null ? RestartPolicy.NO : s.restartPolicy();
    return new JsonObject()
        .put("Binds", null)
        .put("ContainerIDFile", "")
        .put("LogConfig", new JsonObject().put("Type", "json-file").put("Config", new JsonObject()))
        .put("NetworkMode", ContainerJsonTranslator.networkMode(s.networkMode() != null ? s.networkMode() : networkMode))
        .put("PortBindings", new JsonObject())
        .put("RestartPolicy", new JsonObject().put("Name", rp.name()).put("MaximumRetryCount", rp.maximumRetryCount()))
        .put("AutoRemove", s.autoRemove())
        .put("VolumesFrom", null)
        .put("ConsoleSize", consoleSize(s.consoleSize()))
        .put("CapAdd", caps(s.capAdd()))
        .put("CapDrop", caps(s.capDrop()))
        .put("Privileged", s.privileged())
        .put("PublishAllPorts", false)
        .put("ReadonlyRootfs", s.readonlyRootfs())
        .put("Runtime", "runc")
        .put("CpuShares", s.cpuShares())
        .put("Memory", s.memory())
        .put("NanoCpus", s.nanoCpus())
        .put("CpuPeriod", s.cpuPeriod())
        .put("CpuQuota", s.cpuQuota())
        .put("MemorySwap", s.memorySwap())
        .put("PidsLimit", s.pidsLimit())
        .put("Devices", new JsonArray())
        .put("Ulimits", new JsonArray());
  }

  private static JsonArray consoleSize(List<Integer> size) {
    return size == null ? new JsonArray().add(0).add(0) : new JsonArray(new java.util.ArrayList<>(size));
  }

  private static JsonArray caps(List<String> caps) {
    return caps == null || caps.isEmpty() ? null : new JsonArray(new java.util.ArrayList<>(caps));
  }
}
