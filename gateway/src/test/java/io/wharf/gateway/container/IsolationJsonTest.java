package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.Isolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HostConfig isolation fields: parsing, dockerd's create-time checks, inspect, container targets. */
class IsolationJsonTest {

  private static ContainerSpec create(String hostConfig) {
    return create(hostConfig, null);
  }

  private static ContainerSpec create(String hostConfig, String hostname) {
    JsonObject body = new JsonObject().put("Image", "busybox").put("HostConfig", new JsonObject(hostConfig));
    if (hostname != null) {
      body.put("Hostname", hostname);
    }
    return CreateRequestTranslator.translate(body, null);
  }

  private static void refused(String hostConfig, String message) {
    WharfException e = assertThrows(WharfException.class, () -> create(hostConfig));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }

  @Test
  void parsesEveryField() {
    Isolation i = create("{\"PidMode\":\"host\",\"IpcMode\":\"shareable\",\"UTSMode\":\"host\",\"CgroupnsMode\":\"private\","
        + "\"UsernsMode\":\"host\",\"OomScoreAdj\":500,\"CpusetCpus\":\"0\",\"CpusetMems\":\"0\",\"BlkioWeight\":300,"
        + "\"MemoryReservation\":8388608,\"MemorySwappiness\":10,\"OomKillDisable\":true}").host().isolation();
    assertEquals(new Isolation("host", "shareable", "host", "private", "host", 500, "0", "0", 300, 8388608, 10L, true), i);
  }

  @Test
  void theCliDefaultsAreNotSet() {
    Isolation i = create("{\"PidMode\":\"\",\"IpcMode\":\"\",\"CpusetCpus\":\"\",\"MemorySwappiness\":-1,"
        + "\"OomKillDisable\":false,\"OomScoreAdj\":0}").host().isolation();
    JsonObject inspect = new JsonObject();
    IsolationJson.put(inspect, i);
    assertEquals("private", inspect.getString("IpcMode"));
    assertEquals("host", inspect.getString("CgroupnsMode"));
    assertEquals("", inspect.getString("PidMode"));
    assertTrue(inspect.containsKey("MemorySwappiness") && inspect.getValue("MemorySwappiness") == null);
    assertEquals(false, inspect.getBoolean("OomKillDisable"));
  }

  @Test
  void refusesBadValuesWithDockersWording() {
    refused("{\"PidMode\":\"bogus\"}", "invalid PID mode: bogus");
    refused("{\"IpcMode\":\"bogus\"}", "invalid IPC mode: bogus");
    refused("{\"UTSMode\":\"container:x\"}", "invalid UTS mode: container:x");
    refused("{\"CgroupnsMode\":\"shared\"}", "invalid cgroup namespace mode: shared");
    refused("{\"UsernsMode\":\"private\"}", "invalid userns mode: private");
    refused("{\"OomScoreAdj\":1001}", "Invalid value 1001, range for oom score adj is [-1000, 1000]");
    refused("{\"CpusetCpus\":\"a-b\"}", "Invalid value a-b for cpuset cpus");
    refused("{\"CpusetCpus\":\"3-1\"}", "Invalid value 3-1 for cpuset cpus");
    refused("{\"CpusetMems\":\"0,\"}", "Invalid value 0, for cpuset mems");
    refused("{\"BlkioWeight\":5}", "Range of blkio weight is from 10 to 1000");
    refused("{\"MemoryReservation\":1000}", "Minimum memory reservation allowed is 6MB");
    refused("{\"Memory\":8388608,\"MemoryReservation\":16777216}",
        "Minimum memory limit can not be less than memory reservation limit, see usage");
    refused("{\"MemorySwappiness\":101}", "Invalid value: 101, valid memory swappiness range is 0-100");
    refused("{\"OomKillDisable\":\"yes\"}", "invalid OomKillDisable: expected a boolean");
  }

  @Test
  void utsHostConflictsWithAHostname() {
    WharfException e = assertThrows(WharfException.class, () -> create("{\"UTSMode\":\"host\"}", "box"));
    assertEquals("conflicting options: hostname and the UTS mode", e.getMessage());
  }

  @Test
  void containerTargetsResolveToRunningContainers() {
    String id = "a".repeat(64);
    List<ContainerSummary> all = List.of(summary(id, "web", ContainerState.RUNNING),
        summary("b".repeat(64), "old", ContainerState.EXITED));
    JsonObject body = new JsonObject().put("HostConfig", new JsonObject().put("PidMode", "container:web")
        .put("IpcMode", "container:web"));
    JsonObject done = NamespaceTargets.complete(body, all);
    assertEquals("container:" + id, done.getJsonObject("HostConfig").getString("PidMode"));
    assertEquals("container:" + id, done.getJsonObject("HostConfig").getString("IpcMode"));
    WharfException stopped = assertThrows(WharfException.class, () -> NamespaceTargets.complete(
        new JsonObject().put("HostConfig", new JsonObject().put("IpcMode", "container:old")), all));
    assertEquals(ErrorCategory.CONFLICT, stopped.category());
    assertEquals("cannot join IPC of a non running container: old", stopped.getMessage());
    WharfException missing = assertThrows(WharfException.class, () -> NamespaceTargets.complete(
        new JsonObject().put("HostConfig", new JsonObject().put("PidMode", "container:nope")), all));
    assertEquals(ErrorCategory.NOT_FOUND, missing.category());
  }

  private static ContainerSummary summary(String id, String name, ContainerState state) {
    return new ContainerSummary(id, name, "n1", "busybox", "sha256:" + "9".repeat(64), "sh", 0, state, 0, 0, 0,
        Map.of(), "default", false, 0);
  }

  @Test
  void hostConfigFieldsWharfCannotApplyAreRefused() {
    refused("{\"CgroupParent\":\"/mine\"}",
        "--cgroup-parent is not supported by Wharf (HostConfig.CgroupParent): remove it, the container would run without it");
    refused("{\"BlkioDeviceReadBps\":[{\"Path\":\"/dev/sda\",\"Rate\":1048576}]}",
        "--device-read-bps is not supported by Wharf (HostConfig.BlkioDeviceReadBps): remove it, the container would run"
        + " without it");
    refused("{\"CpuRealtimeRuntime\":950000}", "--cpu-rt-runtime is not supported by Wharf"
        + " (HostConfig.CpuRealtimeRuntime): remove it, the container would run without it");
    refused("{\"DeviceRequests\":[{\"Count\":-1,\"Capabilities\":[[\"gpu\"]]}]}",
        "could not select device driver \"\" with capabilities: [[gpu]]");
    refused("{\"Runtime\":\"kata\"}", "unknown or invalid runtime name: kata");
    refused("{\"Isolation\":\"hyperv\"}", "invalid isolation: 'hyperv' - linux only supports 'default'");
    refused("{\"VolumeDriver\":\"nfs\"}", "error looking up volume plugin nfs: plugin \"nfs\" not found");
  }

  @Test
  void theCliDefaultsOfThoseFieldsPass() {
    create("{\"CgroupParent\":\"\",\"BlkioDeviceReadBps\":[],\"BlkioWeightDevice\":null,\"CpuRealtimePeriod\":0,"
        + "\"DeviceRequests\":null,\"Runtime\":\"runc\",\"Isolation\":\"\",\"VolumeDriver\":\"\",\"KernelMemory\":1048576,"
        + "\"StorageOpt\":{},\"DeviceCgroupRules\":null}");
  }
}
