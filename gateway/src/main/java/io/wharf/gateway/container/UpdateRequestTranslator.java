package io.wharf.gateway.container;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerOps;
import io.wharf.api.container.RestartPolicy;
import java.util.Set;

/**
 * The body of {@code POST /containers/{id}/update} to {@link ContainerOps.Update}. Docker's CLI
 * sends every resource field, unset ones as 0: 0 therefore means "unchanged" except for the fields
 * the CLI only sends when given. Fields of the body Wharf cannot change are refused. Pure.
 */
public final class UpdateRequestTranslator {
  /** Fields the CLI always sends (0 = not given) that Wharf accepts and ignores when zero. */
  private static final Set<String> KNOWN = Set.of("Memory", "MemorySwap", "NanoCpus", "NanoCPUs", "CpuShares",
      "CpuQuota", "CpuPeriod", "PidsLimit", "RestartPolicy", "BlkioWeight", "CpusetCpus", "CpusetMems",
      "MemoryReservation", "KernelMemory", "CpuRealtimePeriod", "CpuRealtimeRuntime", "BlkioWeightDevice",
      "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "Devices",
      "DeviceCgroupRules", "DeviceRequests", "KernelMemoryTCP", "MemorySwappiness", "OomKillDisable", "Ulimits",
      "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth", "CgroupParent");

  /** Known fields Wharf cannot change yet: refused when set rather than silently ignored. */
  private static final Set<String> NOT_UPDATABLE = Set.of("BlkioWeight", "CpuRealtimePeriod", "CpuRealtimeRuntime", "MemorySwappiness", "OomKillDisable");

  private UpdateRequestTranslator() {}

  /** @throws WharfException INVALID_ARGUMENT for bad JSON, wrong types or fields that cannot be updated */
  public static ContainerOps.Update translate(String id, String body) {
    JsonObject b;
    try {
      b = body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    } catch (RuntimeException e) {
      throw WharfException.invalid("invalid JSON: " + e.getMessage());
    }
    for (String key : b.fieldNames()) {
      if (!KNOWN.contains(key)) {
        throw WharfException.invalid("Cannot update container " + id + ": " + key + " cannot be updated");
      }
      if (NOT_UPDATABLE.contains(key) && isSet(b.getValue(key))) {
        throw WharfException.invalid("Cannot update container " + id + ": " + key + " cannot be updated on Wharf");
      }
    }
    try {
      Long nano = nonZero(b, "NanoCpus") != null ? nonZero(b, "NanoCpus") : nonZero(b, "NanoCPUs");
      Long pids = b.getValue("PidsLimit") == null ? null : b.getLong("PidsLimit");
      return new ContainerOps.Update(id, nonZero(b, "Memory"), nonZero(b, "MemorySwap"), nano, nonZero(b, "CpuShares"),
          nonZero(b, "CpuQuota"), nonZero(b, "CpuPeriod"), pids, restart(b.getJsonObject("RestartPolicy")),
          cpuset(id, b, "CpusetCpus", "cpus"), cpuset(id, b, "CpusetMems", "mems"), nonZero(b, "MemoryReservation"));
    } catch (ClassCastException e) {
      throw WharfException.invalid("Cannot update container " + id + ": invalid value: " + e.getMessage());
    }
  }

  /** The CLI's "not given": null, 0, "", false or -1 (MemorySwappiness). */
  private static boolean isSet(Object v) {
    return v != null && !"".equals(v) && !Boolean.FALSE.equals(v)
        && !(v instanceof Number n && (n.longValue() == 0 || n.longValue() == -1));
  }

  /** A cpuset list, null when not given (the CLI sends ""). */
  private static String cpuset(String id, JsonObject b, String key, String what) {
    String v = b.getString(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (!CpuSet.isValid(v)) {
      throw WharfException.invalid("Cannot update container " + id + ": Invalid value " + v + " for cpuset " + what);
    }
    return v;
  }

  private static Long nonZero(JsonObject b, String key) {
    Long v = b.getLong(key);
    return v == null || v == 0 ? null : v;
  }

  /** The CLI sends {"Name":"","MaximumRetryCount":0} without --restart: unchanged. */
  private static RestartPolicy restart(JsonObject p) {
    if (p == null) {
      return null;
    }
    String name = p.getString("Name", "");
    int max = p.getInteger("MaximumRetryCount", 0);
    return name.isEmpty() && max == 0 ? null : new RestartPolicy(name, max);
  }
}
