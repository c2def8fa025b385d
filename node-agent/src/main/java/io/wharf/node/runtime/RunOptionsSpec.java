package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.SecurityOptions;
import io.wharf.api.container.Ulimit;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code docker run} options layered over the base spec {@link OciSpecBuilder} makes:
 * --init, --ulimit, --security-opt (no-new-privileges, seccomp), --tmpfs, --shm-size, --sysctl and
 * --device. A pure function of its input, like the builder.
 */
final class RunOptionsSpec {
  private RunOptionsSpec() {}

  /** Where --init's binary appears in the container (Docker's docker-init path). */
  static final String INIT_PATH = "/sbin/docker-init";
  /** Docker's default options of a --tmpfs mount; the user's options follow and win. */
  static final List<String> TMPFS_DEFAULTS = List.of("rw", "noexec", "nosuid", "nodev");
  private static final BigInteger RLIM_INFINITY = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  static void apply(OciSpecInput in, HostSettings host, ObjectNode spec) {
    ObjectNode process = (ObjectNode) spec.get("process");
    if (Boolean.TRUE.equals(host.init())) {
      init(in, process, (ArrayNode) spec.get("mounts"));
    }
    rlimits(host.ulimits(), in.limits(), process.withArray("rlimits"));
    SecurityOptions sec = SecurityOptions.parse(host.securityOpt());
    process.put("noNewPrivileges", sec.noNewPrivileges());
    ObjectNode linux = (ObjectNode) spec.get("linux");
    if (!host.privileged() && !sec.unconfined()) {
      List<String> caps = new ArrayList<>();
      process.path("capabilities").path("bounding").forEach(c -> caps.add(c.asText()));
      linux.set("seccomp", sec.seccompProfile() == null ? SeccompProfile.forCapabilities(caps)
          : SeccompProfile.fromUser(sec.seccompProfile(), caps));
    }
    ArrayNode mounts = (ArrayNode) spec.get("mounts");
    if (host.shmSize() > 0) {
      shmSize(mounts, host.shmSize());
    }
    host.tmpfs().forEach((path, options) -> tmpfs(mounts, path, options));
    Map<String, String> sysctls = sysctls(in.network(), host);
    if (!sysctls.isEmpty()) {
      ObjectNode sysctl = linux.putObject("sysctl");
      sysctls.forEach(sysctl::put);
    }
    if (in.mappedDevices() != null && !in.mappedDevices().isEmpty()) {
      devices(in.mappedDevices(), host, linux);
    }
  }

  /**
   * Docker's defaults for a container with a network namespace of its own (not host, not
   * container:&lt;id&gt;): any user may bind ports below 1024 (a non-root httpd on :80) and open
   * ICMP echo sockets; the user's --sysctl values win. {@code network} is the spec input's netns
   * (null = a new one): in the host's namespace runc refuses net.* sysctls, and Docker sets none.
   */
  static Map<String, String> sysctls(String network, HostSettings host) {
    String mode = host.networkMode() == null ? "default" : host.networkMode();
    if (OciSpecInput.NETWORK_HOST.equals(network) || mode.equals("host") || mode.startsWith("container:")) {
      return host.sysctls();
    }
    Map<String, String> all = new java.util.TreeMap<>(Map.of(
        "net.ipv4.ip_unprivileged_port_start", "0", "net.ipv4.ping_group_range", "0 2147483647"));
    all.putAll(host.sysctls());
    return all;
  }

  /** tini as PID 1: {@code /sbin/docker-init -- args...}, the binary bind-mounted read-only. */
  private static void init(OciSpecInput in, ObjectNode process, ArrayNode mounts) {
    if (in.initBinary() == null) {
      throw WharfException.invalid("--init is not available: no init binary (tini) on this node");
    }
    ArrayNode args = Json.MAPPER.createArrayNode().add(INIT_PATH).add("--");
    process.get("args").forEach(args::add);
    process.set("args", args);
    ObjectNode m = mounts.addObject();
    m.put("destination", INIT_PATH).put("type", "bind").put("source", in.initBinary());
    m.putArray("options").add("bind").add("ro");
  }

  /**
   * Each --ulimit replaces the default of its type. A hard limit past this host's is an error
   * (the agent lacks CAP_SYS_RESOURCE: runc could not raise it either); -1 means unlimited.
   */
  static void rlimits(List<Ulimit> ulimits, HostLimits limits, ArrayNode rlimits) {
    for (Ulimit u : ulimits) {
      String type = u.ociType();
      if (type == null) {
        throw WharfException.invalid("invalid ulimit type: " + u.name());
      }
      long hostHard = limits.clamp(type, HostLimits.UNLIMITED);
      long hard = u.hard() < 0 ? HostLimits.UNLIMITED : u.hard();
      long soft = u.soft() < 0 ? HostLimits.UNLIMITED : u.soft();
      if (hard > hostHard) {
        throw WharfException.invalid("ulimit " + u.name() + ": hard limit " + (u.hard() < 0 ? "unlimited" : u.hard())
            + " exceeds this host's limit " + hostHard + " (the daemon cannot raise hard limits)");
      }
      for (int i = rlimits.size() - 1; i >= 0; i--) {
        if (type.equals(rlimits.get(i).path("type").asText())) {
          rlimits.remove(i);
        }
      }
      ObjectNode r = rlimits.addObject().put("type", type);
      r.put("hard", hard == HostLimits.UNLIMITED ? RLIM_INFINITY : BigInteger.valueOf(hard));
      r.put("soft", soft == HostLimits.UNLIMITED ? RLIM_INFINITY : BigInteger.valueOf(soft));
    }
  }

  private static void shmSize(ArrayNode mounts, long bytes) {
    for (JsonNode m : mounts) {
      if ("/dev/shm".equals(m.path("destination").asText())) {
        ArrayNode opts = ((ObjectNode) m).putArray("options");
        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + bytes).forEach(opts::add);
      }
    }
  }

  /** Docker's --tmpfs: "rw,noexec,nosuid,nodev" then the user's comma-separated options. */
  static void tmpfs(ArrayNode mounts, String path, String options) {
    for (int i = mounts.size() - 1; i >= 0; i--) {
      if (path.equals(mounts.get(i).path("destination").asText())) {
        mounts.remove(i);
      }
    }
    ObjectNode m = mounts.addObject();
    m.put("destination", path).put("type", "tmpfs").put("source", "tmpfs");
    ArrayNode opts = m.putArray("options");
    TMPFS_DEFAULTS.forEach(opts::add);
    if (options != null && !options.isBlank()) {
      for (String o : options.split(",")) {
        if (!o.isBlank()) {
          opts.add(o.strip());
        }
      }
    }
  }

  /** linux.devices entries plus cgroup rules granting the requested access to each. */
  private static void devices(List<HostDevice> mapped, HostSettings host, ObjectNode linux) {
    ArrayNode nodes = linux.withArray("devices");
    ArrayNode rules = ((ObjectNode) linux.get("resources")).withArray("devices");
    Map<String, String> perms = new java.util.HashMap<>();
    host.devices().forEach(d -> perms.put(d.pathInContainer(), d.cgroupPermissions()));
    for (HostDevice d : mapped) {
      nodes.addObject().put("path", d.path()).put("type", d.type()).put("major", d.major())
          .put("minor", d.minor()).put("fileMode", d.fileMode()).put("uid", d.uid()).put("gid", d.gid());
      rules.addObject().put("allow", true).put("type", d.type()).put("major", d.major()).put("minor", d.minor())
          .put("access", perms.getOrDefault(d.path(), "rwm"));
    }
  }
}
