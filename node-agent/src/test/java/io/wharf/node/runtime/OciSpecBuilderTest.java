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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OciSpecBuilderTest {
  static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  /** This test host's shape: NOFILE hard 20000, no CAP_SYS_RESOURCE (bit 24). */
  static final HostLimits HOST = new HostLimits(Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 96365L),
      0x1fffeffffffL);

  static HostSettings host(long memory, long swap, long nanoCpus, long shares, long quota, long period,
      boolean privileged, List<String> add, List<String> drop) {
    return new HostSettings(false, memory, swap, nanoCpus, shares, quota, period, null, privileged, add, drop,
        false, "none", null, null, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), 0, java.util.Map.of(), null, java.util.Map.of());
  }

  static ContainerSpec spec(HostSettings host) {
    return new ContainerSpec("n", "busybox", List.of("echo", "hi"), List.of(), List.of("PATH=/bin", "A=1"), null, null,
        null, null, Map.of(), false, false, false, false, true, true, null, null, List.of(), List.of(), host, null);
  }

  static JsonNode build(HostSettings host) {
    return build(spec(host), "none");
  }

  static JsonNode build(ContainerSpec spec, String network) {
    return OciSpecBuilder.build(new OciSpecInput(ID, spec, "/r", network, "/c/hostname", "/c/hosts", null,
        new ResolvedUser(1000, 1000, List.of(10L)), List.of(OciMount.bind("/v", "/data", true)), List.of(), HOST, null, null));
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Stream<Arguments> capCases() {
    List<String> def = Capabilities.DOCKER_DEFAULT;
    List<String> minusChown = new ArrayList<>(def.subList(1, def.size()));
    List<String> plusAdmin = new ArrayList<>(def);
    plusAdmin.add("CAP_NET_ADMIN");
    List<String> allButResourceAndKill = new ArrayList<>(Capabilities.ALL);
    allButResourceAndKill.removeAll(List.of("CAP_SYS_RESOURCE", "CAP_KILL"));
    List<String> allButResource = new ArrayList<>(Capabilities.ALL);
    allButResource.remove("CAP_SYS_RESOURCE");
    return Stream.of(
        Arguments.of(false, List.of(), List.of(), def),
        Arguments.of(false, List.of(), List.of("chown"), minusChown),
        Arguments.of(false, List.of(), List.of("CAP_CHOWN"), minusChown),
        Arguments.of(false, List.of("NET_ADMIN"), List.of(), plusAdmin),
        Arguments.of(false, List.of("cap_net_admin"), List.of(), plusAdmin),
        Arguments.of(false, List.of("SYS_RESOURCE"), List.of(), def),
        Arguments.of(false, List.of("NET_ADMIN", "KILL"), List.of("ALL"), List.of("CAP_NET_ADMIN", "CAP_KILL")),
        Arguments.of(false, List.of(), List.of("all"), List.of()),
        Arguments.of(false, List.of("ALL"), List.of("KILL"), allButResourceAndKill),
        Arguments.of(true, List.of(), List.of("ALL"), allButResource));
  }

  @ParameterizedTest
  @MethodSource("capCases")
  void capabilitiesFollowDockerWithinTheBoundingSet(boolean privileged, List<String> add, List<String> drop,
      List<String> expected) {
    JsonNode caps = build(host(0, 0, 0, 0, 0, 0, privileged, add, drop)).path("process").path("capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      assertEquals(expected, texts(caps.path(set)), set);
    }
  }

  @Test
  void unknownCapabilityIsRejected() {
    WharfException e = assertThrows(WharfException.class,
        () -> build(host(0, 0, 0, 0, 0, 0, false, List.of("FOO"), List.of())));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("unknown capability: \"CAP_FOO\"", e.getMessage());
  }

  static Stream<Arguments> resourceCases() {
    long m = 64L << 20;
    return Stream.of(
        Arguments.of(host(m, 0, 0, 0, 0, 0, false, null, null), "{\"limit\":" + m + ",\"swap\":" + 2 * m + "}", "{}"),
        Arguments.of(host(m, -1, 0, 0, 0, 0, false, null, null), "{\"limit\":" + m + ",\"swap\":-1}", "{}"),
        Arguments.of(host(m, 3 * m, 0, 0, 0, 0, false, null, null), "{\"limit\":" + m + ",\"swap\":" + 3 * m + "}", "{}"),
        Arguments.of(host(0, 0, 1_500_000_000L, 0, 0, 0, false, null, null), null, "{\"quota\":150000,\"period\":100000}"),
        Arguments.of(host(0, 0, 10_000_000L, 512, 0, 0, false, null, null), null,
            "{\"shares\":512,\"quota\":1000,\"period\":100000}"),
        Arguments.of(host(0, 0, 0, 0, 20000, 50000, false, null, null), null, "{\"quota\":20000,\"period\":50000}"),
        Arguments.of(host(0, 0, 0, 0, 0, 0, false, null, null), null, "{}"));
  }

  @ParameterizedTest
  @MethodSource("resourceCases")
  void memoryAndCpuFollowDocker(HostSettings h, String memory, String cpu) {
    JsonNode res = build(h).path("linux").path("resources");
    assertEquals(memory == null ? "" : memory, res.has("memory") ? res.get("memory").toString() : "");
    assertEquals(cpu, res.has("cpu") ? res.get("cpu").toString() : "{}");
    assertFalse(res.has("hugepageLimits"));
  }

  static Stream<Arguments> badResources() {
    return Stream.of(
        Arguments.of(host(1 << 20, 0, 0, 0, 0, 0, false, null, null), "Minimum memory limit allowed is 6MB"),
        Arguments.of(host(0, 64L << 20, 0, 0, 0, 0, false, null, null),
            "You should always set the Memory limit when using Memoryswap limit, see usage"),
        Arguments.of(host(64L << 20, 32L << 20, 0, 0, 0, 0, false, null, null),
            "Minimum memoryswap limit should be larger than memory limit, see usage"),
        Arguments.of(host(0, 0, 1_000_000_000L, 0, 0, 100000, false, null, null),
            "Conflicting options: Nano CPUs and CPU Period cannot both be set"),
        Arguments.of(host(0, 0, 1_000_000_000L, 0, 50000, 0, false, null, null),
            "Conflicting options: Nano CPUs and CPU Quota cannot both be set"),
        Arguments.of(host(0, 0, -1, 0, 0, 0, false, null, null), "invalid CPU settings: negative value"));
  }

  @ParameterizedTest
  @MethodSource("badResources")
  void badResourcesAreRejected(HostSettings h, String message) {
    WharfException e = assertThrows(WharfException.class, () -> build(h));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }

  @Test
  void processDefaultsAndRlimitClamp() {
    JsonNode p = build(host(0, 0, 0, 0, 0, 0, false, null, null)).path("process");
    assertEquals("[{\"type\":\"RLIMIT_NOFILE\",\"hard\":20000,\"soft\":20000}]", p.path("rlimits").toString());
    assertFalse(p.path("noNewPrivileges").asBoolean(true));
    assertEquals(0, p.path("oomScoreAdj").asInt(-1));
    assertFalse(p.path("terminal").asBoolean(true));
    assertEquals(List.of("echo", "hi"), texts(p.path("args")));
    assertEquals(List.of("PATH=/bin", "HOSTNAME=0123456789ab", "A=1"), texts(p.path("env")));
    assertEquals("/", p.path("cwd").asText());
    assertEquals("{\"uid\":1000,\"gid\":1000,\"additionalGids\":[10]}", p.path("user").toString());
  }

  @Test
  void unlimitedHostKeepsDockersNofile() {
    JsonNode spec = OciSpecBuilder.build(new OciSpecInput(ID, spec(null), "/r", "host", null, null, null, null,
        null, null, HostLimits.unrestricted(), null, null));
    assertEquals(1_048_576, spec.path("process").path("rlimits").get(0).path("hard").asLong());
    assertEquals("[{\"type\":\"pid\"},{\"type\":\"ipc\"},{\"type\":\"uts\"},{\"type\":\"mount\"}]",
        spec.path("linux").path("namespaces").toString());
  }

  @Test
  void ttyAddsTermAndConsoleSize() {
    HostSettings h = new HostSettings(false, 0, 0, 0, 0, 0, 0, 100L, false, null, null, true, "none", null,
        List.of(40, 120), java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), 0, java.util.Map.of(), null, java.util.Map.of());
    ContainerSpec s = new ContainerSpec("n", "busybox", List.of("sh"), null, null, "/w", null, "box", "example.com",
        Map.of(), true, true, false, true, true, true, null, null, null, null, h, null);
    JsonNode spec = build(s, "/var/run/netns/x");
    assertEquals(List.of(OciSpecBuilder.DEFAULT_PATH, "HOSTNAME=box", "TERM=xterm"), texts(spec.at("/process/env")));
    assertEquals("{\"height\":40,\"width\":120}", spec.at("/process/consoleSize").toString());
    assertTrue(spec.at("/process/terminal").asBoolean());
    assertEquals("box", spec.path("hostname").asText());
    assertEquals("example.com", spec.path("domainname").asText());
    assertEquals("/w", spec.at("/process/cwd").asText());
    assertTrue(spec.at("/root/readonly").asBoolean());
    assertEquals(100, spec.at("/linux/resources/pids/limit").asLong());
    assertEquals("{\"type\":\"network\",\"path\":\"/var/run/netns/x\"}", spec.at("/linux/namespaces/4").toString());
  }

  @Test
  void defaultMountsMaskedPathsAndDevices() {
    JsonNode spec = build(host(0, 0, 0, 0, 0, 0, false, null, null));
    assertEquals("/wharf/" + ID, spec.at("/linux/cgroupsPath").asText());
    assertEquals(DockerDefaults.MASKED_PATHS, texts(spec.at("/linux/maskedPaths")));
    assertEquals(DockerDefaults.READONLY_PATHS, texts(spec.at("/linux/readonlyPaths")));
    List<String> dests = new ArrayList<>();
    spec.path("mounts").forEach(m -> dests.add(m.path("destination").asText()));
    assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
        "/etc/hostname", "/etc/hosts", "/data"), dests);
    assertTrue(texts(spec.at("/mounts/3/options")).contains("ro"));
    assertTrue(texts(spec.at("/mounts/6/options")).contains("size=67108864"));
    assertEquals(List.of("rbind", "rprivate", "ro"), texts(spec.at("/mounts/9/options")));
    assertEquals("{\"allow\":false,\"access\":\"rwm\"}", spec.at("/linux/resources/devices/0").toString());
    assertEquals("{\"type\":\"network\"}", spec.at("/linux/namespaces/4").toString());
  }

  @Test
  void privilegedUnmasksAndAllowsAllDevices() {
    JsonNode spec = OciSpecBuilder.build(new OciSpecInput(ID, spec(host(0, 0, 0, 0, 0, 0, true, null, null)), "/r",
        "none", null, null, null, null, null, List.of(new HostDevice("/dev/fuse", "c", 10, 229, 0666, 0, 0)), HOST, null,
        null));
    assertEquals(0, spec.at("/linux/maskedPaths").size());
    assertEquals(0, spec.at("/linux/readonlyPaths").size());
    assertEquals("[{\"allow\":true,\"access\":\"rwm\"}]", spec.at("/linux/resources/devices").toString());
    assertEquals("/dev/fuse", spec.at("/linux/devices/0/path").asText());
    assertTrue(texts(spec.at("/mounts/3/options")).contains("rw"));
  }

  @Test
  void noCommandIsRejected() {
    ContainerSpec s = new ContainerSpec("n", "busybox", List.of(), List.of(), null, null, null, null, null, Map.of(),
        false, false, false, false, true, true, null, null, null, null, null, null);
    assertEquals("No command specified", assertThrows(WharfException.class, () -> build(s, "none")).getMessage());
  }
}
