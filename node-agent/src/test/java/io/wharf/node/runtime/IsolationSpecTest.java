package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.Isolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The isolation options in the OCI spec: namespaces per mode, /dev/shm per IPC mode, resources. */
class IsolationSpecTest {
  private static final String ID = "cd".repeat(32);
  private static final String OTHER = "ef".repeat(32);

  private static JsonNode build(Isolation iso, Map<String, Integer> joined) {
    HostSettings h = HostSettings.defaults().withIsolation(iso);
    ContainerSpec s = new ContainerSpec("n", "busybox", List.of("ps"), List.of(), null, null, null, null,
        null, Map.of(), false, false, false, false, true, true, null, null, null, null, h, null);
    return OciSpecBuilder.build(new OciSpecInput(ID, s, "/r", "none", null, null, null, null, null, List.of(),
        HostLimits.unrestricted(), null, null, joined));
  }

  private static Isolation modes(String pid, String ipc, String uts, String cgroupns) {
    return new Isolation(pid, ipc, uts, cgroupns, "", 0, null, null, 0, 0, null, null);
  }

  private static Map<String, String> namespaces(JsonNode spec) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    spec.at("/linux/namespaces").forEach(n -> out.put(n.path("type").asText(), n.path("path").asText()));
    return out;
  }

  private static List<String> shmSources(JsonNode spec) {
    List<String> out = new ArrayList<>();
    spec.path("mounts").forEach(m -> {
      if (m.path("destination").asText().equals("/dev/shm")) {
        out.add(m.path("type").asText() + ":" + m.path("source").asText());
      }
    });
    return out;
  }

  @Test
  void defaultsKeepPrivateNamespacesAndShm() {
    JsonNode spec = build(Isolation.NONE, Map.of());
    assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), new ArrayList<>(namespaces(spec).keySet()));
    assertEquals(List.of("tmpfs:shm"), shmSources(spec));
    assertEquals(0, spec.at("/process/oomScoreAdj").asInt());
    assertTrue(spec.has("hostname"));
  }

  @Test
  void hostModesDropTheNamespaces() {
    JsonNode spec = build(modes("host", "host", "host", ""), Map.of());
    Map<String, String> ns = namespaces(spec);
    assertFalse(ns.containsKey("pid"));
    assertFalse(ns.containsKey("ipc"));
    assertFalse(ns.containsKey("uts"));
    assertFalse(spec.has("hostname"), "runc cannot set a hostname without a UTS namespace");
    assertEquals(List.of("bind:/dev/shm"), shmSources(spec));
  }

  @Test
  void containerModesJoinTheTargetsInit() {
    String mode = Isolation.CONTAINER_PREFIX + OTHER;
    JsonNode spec = build(modes(mode, mode, "", ""), Map.of("pid", 4242, "ipc", 4242));
    assertEquals("/proc/4242/ns/pid", namespaces(spec).get("pid"));
    assertEquals("/proc/4242/ns/ipc", namespaces(spec).get("ipc"));
    assertEquals(List.of("tmpfs:shm"), shmSources(spec), "a bind mount cannot cross into the target's mount ns");
  }

  @Test
  void aTargetThatDoesNotRunIsAConflict() {
    String mode = Isolation.CONTAINER_PREFIX + OTHER;
    WharfException e = assertThrows(WharfException.class, () -> build(modes(mode, "", "", ""), Map.of()));
    assertEquals(ErrorCategory.CONFLICT, e.category());
    assertEquals("cannot join PID of a non running container: " + OTHER, e.getMessage());
  }

  @Test
  void ipcNoneHasNoShmAndPrivateAndShareableKeepIt() {
    assertEquals(List.of(), shmSources(build(modes("", "none", "", ""), Map.of())));
    assertEquals(List.of("tmpfs:shm"), shmSources(build(modes("", "shareable", "", ""), Map.of())));
    assertEquals(List.of("tmpfs:shm"), shmSources(build(modes("", "private", "", ""), Map.of())));
  }

  @Test
  void privateCgroupnsAddsTheNamespace() {
    assertEquals("", namespaces(build(modes("", "", "", "private"), Map.of())).get("cgroup"));
    assertFalse(namespaces(build(modes("", "", "", "host"), Map.of())).containsKey("cgroup"));
  }

  @Test
  void oomScoreAdjAndResourcesReachTheSpec() {
    Isolation iso = new Isolation("", "", "", "", "", 500, "0", "0", 300, 64L << 20, 10L, true);
    JsonNode spec = build(iso, Map.of());
    assertEquals(500, spec.at("/process/oomScoreAdj").asInt());
    assertEquals("0", spec.at("/linux/resources/cpu/cpus").asText());
    assertEquals("0", spec.at("/linux/resources/cpu/mems").asText());
    assertEquals(64L << 20, spec.at("/linux/resources/memory/reservation").asLong());
    assertEquals(10, spec.at("/linux/resources/memory/swappiness").asInt());
    assertTrue(spec.at("/linux/resources/memory/disableOOMKiller").asBoolean());
    assertEquals(300, spec.at("/linux/resources/blockIO/weight").asInt());
  }

  @Test
  void unsetSwappinessIsNotWritten() {
    Isolation iso = new Isolation("", "", "", "", "", 0, null, null, 0, 0, -1L, null);
    assertTrue(build(iso, Map.of()).at("/linux/resources/memory/swappiness").isMissingNode());
  }
}
