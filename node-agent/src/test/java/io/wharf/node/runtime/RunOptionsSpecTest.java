package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.DeviceMapping;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import io.wharf.api.container.Ulimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run options in the OCI spec: one test per option, plus ulimit clamping errors. */
class RunOptionsSpecTest {
  private static final String ID = "ab".repeat(32);
  private static final HostLimits HOST = new HostLimits(Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 96365L),
      0x1fffeffffffL);

  private static HostSettings host(boolean privileged, Map<String, String> tmpfs, List<Ulimit> ulimits,
      List<String> securityOpt, long shm, Map<String, String> sysctls, Boolean init, List<String> capAdd) {
    return new HostSettings(false, 0, 0, 0, 0, 0, 0, null, privileged, capAdd, List.of(), false, "none",
        RestartPolicy.NO, null, tmpfs, ulimits, List.of(), securityOpt, List.of(new DeviceMapping("/dev/null",
        "/dev/mynull", "rw")), shm, sysctls, init, Map.of());
  }

  private static HostSettings plain() {
    return host(false, Map.of(), List.of(), List.of(), 0, Map.of(), null, List.of());
  }

  private static JsonNode build(HostSettings h) {
    ContainerSpec s = new ContainerSpec("n", "busybox", List.of("sleep", "1"), List.of(), null, null, null, null,
        null, Map.of(), false, false, false, false, true, true, null, null, null, null, h, null);
    return OciSpecBuilder.build(new OciSpecInput(ID, s, "/r", "none", null, null, null, null, null, List.of(), HOST,
        List.of(new HostDevice("/dev/mynull", "c", 1, 3, 0666, 0, 0)), "/usr/bin/tini-static"));
  }

  private static List<String> names(JsonNode rule) {
    List<String> out = new ArrayList<>();
    rule.path("names").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void defaultsHaveSeccompAndNoNoNewPrivileges() {
    JsonNode spec = build(plain());
    JsonNode seccomp = spec.at("/linux/seccomp");
    assertEquals("SCMP_ACT_ERRNO", seccomp.path("defaultAction").asText());
    List<String> allowed = names(seccomp.path("syscalls").get(0));
    assertTrue(allowed.containsAll(List.of("read", "write", "execve", "openat", "futex", "exit_group")));
    for (String blocked : List.of("mount", "umount2", "reboot", "kexec_load", "init_module", "add_key", "keyctl",
        "bpf", "ptrace", "unshare", "setns", "swapon", "open_by_handle_at", "userfaultfd", "clone3")) {
      assertFalse(allowed.contains(blocked), blocked + " must not be in the default allowlist");
    }
    assertFalse(spec.at("/process/noNewPrivileges").asBoolean());
    assertEquals("sleep", spec.at("/process/args/0").asText());
  }

  @Test
  void cloneMayNotMakeNamespacesAndClone3FallsBack() {
    JsonNode syscalls = build(plain()).at("/linux/seccomp/syscalls");
    String text = syscalls.toString();
    assertTrue(text.contains("{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":"
        + SeccompProfile.CLONE_NAMESPACE_FLAGS + ",\"valueTwo\":0,\"op\":\"SCMP_CMP_MASKED_EQ\"}]}"), text);
    assertTrue(text.contains("{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}"), text);
  }

  @Test
  void capAddOpensItsSyscalls() {
    JsonNode spec = build(host(false, Map.of(), List.of(), List.of(), 0, Map.of(), null, List.of("SYS_ADMIN",
        "SYS_PTRACE")));
    List<String> allowed = names(spec.at("/linux/seccomp/syscalls/0"));
    assertTrue(allowed.containsAll(List.of("mount", "unshare", "setns", "ptrace", "process_vm_readv")));
    assertFalse(allowed.contains("reboot"));
  }

  @Test
  void privilegedAndUnconfinedHaveNoSeccomp() {
    assertTrue(build(host(true, Map.of(), List.of(), List.of(), 0, Map.of(), null, List.of())).at("/linux/seccomp")
        .isMissingNode());
    assertTrue(build(host(false, Map.of(), List.of(), List.of("seccomp=unconfined"), 0, Map.of(), null, List.of()))
        .at("/linux/seccomp").isMissingNode());
  }

  @Test
  void userProfileInDockerFormatIsReduced() {
    String profile = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"archMap\":[{\"architecture\":\"SCMP_ARCH_X86_64\","
        + "\"subArchitectures\":[\"SCMP_ARCH_X86\"]}],\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\"},"
        + "{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_ERRNO\",\"includes\":{\"caps\":[\"CAP_SYS_ADMIN\"]}}]}";
    JsonNode seccomp = build(host(false, Map.of(), List.of(), List.of("seccomp=" + profile), 0, Map.of(), null,
        List.of())).at("/linux/seccomp");
    assertEquals("SCMP_ACT_ALLOW", seccomp.path("defaultAction").asText());
    assertEquals("[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\"]", seccomp.path("architectures").toString());
    assertEquals(1, seccomp.path("syscalls").size());
    assertEquals(List.of("mkdir"), names(seccomp.path("syscalls").get(0)));
  }

  @Test
  void noNewPrivilegesInitTmpfsShmSysctlDevices() {
    JsonNode spec = build(host(false, Map.of("/run", "size=1m,exec"), List.of(), List.of("no-new-privileges"),
        1 << 20, Map.of("kernel.shmmax", "1000000"), true, List.of()));
    assertTrue(spec.at("/process/noNewPrivileges").asBoolean());
    assertEquals("[\"/sbin/docker-init\",\"--\",\"sleep\",\"1\"]", spec.at("/process/args").toString());
    String mounts = spec.path("mounts").toString();
    assertTrue(mounts.contains("{\"destination\":\"/sbin/docker-init\",\"type\":\"bind\",\"source\":"
        + "\"/usr/bin/tini-static\",\"options\":[\"bind\",\"ro\"]}"), mounts);
    assertTrue(mounts.contains("{\"destination\":\"/run\",\"type\":\"tmpfs\",\"source\":\"tmpfs\",\"options\":"
        + "[\"rw\",\"noexec\",\"nosuid\",\"nodev\",\"size=1m\",\"exec\"]}"), mounts);
    assertTrue(mounts.contains("\"size=1048576\""), mounts);
    assertFalse(mounts.contains("size=67108864"), mounts);
    assertEquals("1000000", spec.at("/linux/sysctl/kernel.shmmax").asText());
    assertEquals("{\"path\":\"/dev/mynull\",\"type\":\"c\",\"major\":1,\"minor\":3,\"fileMode\":438,\"uid\":0,"
        + "\"gid\":0}", spec.at("/linux/devices/0").toString());
    JsonNode rules = spec.at("/linux/resources/devices");
    assertEquals("{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rw\"}",
        rules.get(rules.size() - 1).toString());
  }

  @Test
  void ulimitsReplaceDefaultsWithinTheHostLimits() {
    JsonNode spec = build(host(false, Map.of(), List.of(new Ulimit("nofile", 1024, 2048), new Ulimit("core", -1, -1)),
        List.of(), 0, Map.of(), null, List.of()));
    JsonNode rlimits = spec.at("/process/rlimits");
    assertEquals(2, rlimits.size());
    assertEquals("{\"type\":\"RLIMIT_NOFILE\",\"hard\":2048,\"soft\":1024}", rlimits.get(0).toString());
    assertEquals("{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551615,\"soft\":18446744073709551615}",
        rlimits.get(1).toString());
  }

  @Test
  void ulimitsPastTheHostLimitAreRejected() {
    for (Ulimit u : List.of(new Ulimit("nofile", 99999999, 99999999), new Ulimit("nofile", -1, -1),
        new Ulimit("nproc", 1, 100000))) {
      WharfException e = assertThrows(WharfException.class,
          () -> build(host(false, Map.of(), List.of(u), List.of(), 0, Map.of(), null, List.of())));
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
      assertTrue(e.getMessage().contains("ulimit " + u.name() + ": hard limit") && e.getMessage().contains(
          "exceeds this host's limit"), e.getMessage());
    }
  }

  @Test
  void profileSectionsParse() {
    assertTrue(SeccompProfile.section("always").size() > 250);
    assertTrue(SeccompProfile.section("CAP_SYS_TIME").contains("settimeofday"));
    assertEquals(Map.of("a", List.of("x", "y")), SeccompProfile.parse("# c\n[a]\nx  y # z\n"));
    assertThrows(IllegalStateException.class, () -> SeccompProfile.parse("x\n"));
  }

  @Test
  void badDeviceAtCreate() {
    WharfException e = assertThrows(WharfException.class,
        () -> RunOptionsInput.devices(List.of(new DeviceMapping("/nonexistent", "/nonexistent", "rwm"))));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().contains("/nonexistent"));
    assertThrows(WharfException.class,
        () -> RunOptionsInput.devices(List.of(new DeviceMapping("/etc/hostname", "/x", "rwm"))));
    assertEquals("c", RunOptionsInput.devices(List.of(new DeviceMapping("/dev/null", "/dev/n", "r"))).get(0).type());
  }

  @Test
  void ownNetnsGetsDockersPortAndPingSysctlsUserWins() {
    assertEquals("0", build(plain()).at("/linux/sysctl/net.ipv4.ip_unprivileged_port_start").asText());
    assertEquals("0 2147483647", build(plain()).at("/linux/sysctl/net.ipv4.ping_group_range").asText());
    HostSettings own = host(false, Map.of(), List.of(), List.of(), 0,
        Map.of("net.ipv4.ip_unprivileged_port_start", "1024"), null, List.of());
    assertEquals("1024", RunOptionsSpec.sysctls(null, own).get("net.ipv4.ip_unprivileged_port_start"));
    for (String shared : List.of("host", "container:" + ID)) {
      HostSettings h = new HostSettings(false, 0, 0, 0, 0, 0, 0, null, false, List.of(), List.of(), false, shared,
          RestartPolicy.NO, null, Map.of(), List.of(), List.of(), List.of(), List.of(), 0, Map.of(), null, Map.of());
      assertEquals(Map.of(), RunOptionsSpec.sysctls("/run/netns/x", h), shared);
    }
    assertEquals(Map.of(), RunOptionsSpec.sysctls(OciSpecInput.NETWORK_HOST, plain()));
  }
}
