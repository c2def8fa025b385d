package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import java.util.List;

/** The {@code HostConfig} section of container inspect. */
final class HostConfigJson {
  private HostConfigJson() {}

  /** Docker's default /dev/shm size, shown when ShmSize was not set. */
  static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

  static JsonObject of(HostSettings h, String networkMode) {
    HostSettings s = h == null ? HostSettings.defaults() : h;
    RestartPolicy rp = s.restartPolicy() == null ? RestartPolicy.NO : s.restartPolicy();
    JsonObject json = new JsonObject()
        .put("Binds", null)
        .put("ContainerIDFile", "")
        .put("LogConfig", new JsonObject().put("Type", RunOptionsJson.JSON_FILE)
            .put("Config", RunOptionsJson.mapJson(s.logOptions())))
        .put("NetworkMode", ContainerJsonTranslator.networkMode(s.networkMode() != null ? s.networkMode() : networkMode))
        .put("PortBindings", PortBindingsJson.json(s.portBindings()))
        .put("RestartPolicy", new JsonObject().put("Name", rp.name()).put("MaximumRetryCount", rp.maximumRetryCount()))
        .put("AutoRemove", s.autoRemove())
        .put("VolumesFrom", null)
        .put("ConsoleSize", consoleSize(s.consoleSize()))
        .put("CapAdd", caps(s.capAdd()))
        .put("CapDrop", caps(s.capDrop()))
        .put("Privileged", s.privileged())
        .put("PublishAllPorts", s.publishAllPorts())
        .put("ReadonlyRootfs", s.readonlyRootfs())
        .put("Runtime", "runc")
        .put("CpuShares", s.cpuShares())
        .put("Memory", s.memory())
        .put("NanoCpus", s.nanoCpus())
        .put("CpuPeriod", s.cpuPeriod())
        .put("CpuQuota", s.cpuQuota())
        .put("MemorySwap", s.memorySwap())
        .put("PidsLimit", s.pidsLimit())
        .put("Devices", RunOptionsJson.devicesJson(s.devices()))
        .put("Ulimits", RunOptionsJson.ulimitsJson(s.ulimits()))
        .put("GroupAdd", caps(s.groupAdd()))
        .put("SecurityOpt", caps(s.securityOpt()))
        .put("Tmpfs", s.tmpfs() == null || s.tmpfs().isEmpty() ? null : RunOptionsJson.mapJson(s.tmpfs()))
        .put("Sysctls", s.sysctls() == null || s.sysctls().isEmpty() ? null : RunOptionsJson.mapJson(s.sysctls()))
        .put("ShmSize", s.shmSize() > 0 ? s.shmSize() : DEFAULT_SHM_SIZE)
        .put("Init", s.init());
    NameResolutionJson.put(json, s.names());
    IsolationJson.put(json, s.isolation());
    return json;
  }

  private static JsonArray consoleSize(List<Integer> size) {
    return size == null ? new JsonArray().add(0).add(0) : new JsonArray(new java.util.ArrayList<>(size));
  }

  private static JsonArray caps(List<String> caps) {
    return caps == null || caps.isEmpty() ? null : new JsonArray(new java.util.ArrayList<>(caps));
  }
}
