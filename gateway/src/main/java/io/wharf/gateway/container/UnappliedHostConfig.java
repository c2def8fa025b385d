package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HostConfig fields Wharf does not apply: a create that sets one is refused (400) rather than run
 * without it. dockerd's wording where it refuses the same value; otherwise the message names the
 * docker run flag. Unset means what the CLI and docker-py send by default (null, "", 0, [], {}).
 * KernelMemory and KernelMemoryTCP are ignored, as dockerd ignores them (API 1.42+). Pure.
 */
final class UnappliedHostConfig {
  private UnappliedHostConfig() {}

  /** Field -> the flag a user typed to set it. */
  private static final Map<String, String> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("CgroupParent", "--cgroup-parent");
    FLAGS.put("DeviceCgroupRules", "--device-cgroup-rule");
    FLAGS.put("BlkioWeightDevice", "--blkio-weight-device");
    FLAGS.put("BlkioDeviceReadBps", "--device-read-bps");
    FLAGS.put("BlkioDeviceWriteBps", "--device-write-bps");
    FLAGS.put("BlkioDeviceReadIOps", "--device-read-iops");
    FLAGS.put("BlkioDeviceWriteIOps", "--device-write-iops");
    FLAGS.put("CpuRealtimePeriod", "--cpu-rt-period");
    FLAGS.put("CpuRealtimeRuntime", "--cpu-rt-runtime");
    FLAGS.put("StorageOpt", "--storage-opt");
  }

  static void check(JsonObject hostConfig) {
    for (Map.Entry<String, String> e : FLAGS.entrySet()) {
      if (isSet(hostConfig.getValue(e.getKey()))) {
        throw WharfException.invalid(e.getValue() + " is not supported by Wharf (HostConfig." + e.getKey()
            + "): remove it, the container would run without it");
      }
    }
    if (isSet(hostConfig.getValue("DeviceRequests"))) {
      throw WharfException.invalid("could not select device driver \"\" with capabilities: [[gpu]]");
    }
    String runtime = hostConfig.getString("Runtime");
    if (runtime != null && !runtime.isEmpty() && !runtime.equals("runc")) {
      throw WharfException.invalid("unknown or invalid runtime name: " + runtime);
    }
    String isolation = hostConfig.getString("Isolation");
    if (isolation != null && !isolation.isEmpty() && !isolation.equals("default")) {
      throw WharfException.invalid("invalid isolation: '" + isolation + "' - linux only supports 'default'");
    }
    String driver = hostConfig.getString("VolumeDriver");
    if (driver != null && !driver.isEmpty() && !driver.equals("local")) {
      throw WharfException.invalid("error looking up volume plugin " + driver + ": plugin \"" + driver
          + "\" not found");
    }
  }

  static boolean isSet(Object v) {
    if (v == null || v instanceof Boolean b && !b) {
      return false;
    }
    if (v instanceof Number n) {
      return n.longValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof JsonArray a) {
      return !a.isEmpty();
    }
    return !(v instanceof JsonObject o) || !o.isEmpty();
  }
}
