package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The filesystem side of Docker's default Linux spec: mounts, masked and read-only /proc and /sys
 * paths, and the device cgroup rules. Privileged containers get /sys and the cgroup mount
 * read-write, no masked or read-only paths, and every device.
 */
final class DockerDefaults {
  private DockerDefaults() {}

  static final List<String> MASKED_PATHS = List.of(
      "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
      "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
      "/sys/devices/virtual/powercap");

  static final List<String> READONLY_PATHS = List.of(
      "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /** Docker's /dev/shm size: 64 MiB. */
  static final long SHM_SIZE = 64L * 1024 * 1024;

  /** proc, /dev tmpfs, devpts (console via pty), sysfs, cgroup, mqueue, /dev/shm. */
  static List<OciMount> mounts(boolean privileged) {
    String sysMode = privileged ? "rw" : "ro";
    List<OciMount> m = new ArrayList<>();
    m.add(new OciMount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
    m.add(new OciMount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
    m.add(new OciMount("/dev/pts", "devpts", "devpts",
        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
    m.add(new OciMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sysMode)));
    m.add(new OciMount("/sys/fs/cgroup", "cgroup", "cgroup", List.of(sysMode, "nosuid", "noexec", "nodev")));
    m.add(new OciMount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
    m.add(new OciMount("/dev/shm", "tmpfs", "shm",
        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + SHM_SIZE)));
    return m;
  }

  /**
   * Device cgroup rules: deny everything, then allow mknod of any node and the standard devices
   * (null, zero, full, random, urandom, tty, console, ptmx, pts). Privileged: allow everything.
   */
  static ArrayNode deviceRules(boolean privileged) {
    ArrayNode rules = Json.MAPPER.createArrayNode();
    if (privileged) {
      rules.add(rule(true, null, null, null, "rwm"));
      return rules;
    }
    rules.add(rule(false, null, null, null, "rwm"));
    rules.add(rule(true, "c", null, null, "m"));
    rules.add(rule(true, "b", null, null, "m"));
    long[][] chars = {{1, 3}, {1, 5}, {1, 7}, {1, 8}, {1, 9}, {5, 0}, {5, 1}, {5, 2}};
    for (long[] d : chars) {
      rules.add(rule(true, "c", d[0], d[1], "rwm"));
    }
    rules.add(rule(true, "c", 136L, null, "rwm"));
    return rules;
  }

  /** linux.devices for a privileged container: every host device node, same owner and mode. */
  static ArrayNode devices(List<HostDevice> hostDevices) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (HostDevice d : hostDevices) {
      ObjectNode n = out.addObject();
      n.put("path", d.path());
      n.put("type", d.type());
      n.put("major", d.major());
      n.put("minor", d.minor());
      n.put("fileMode", d.fileMode());
      n.put("uid", d.uid());
      n.put("gid", d.gid());
    }
    return out;
  }

  private static ObjectNode rule(boolean allow, String type, Long major, Long minor, String access) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("allow", allow);
    if (type != null) {
      r.put("type", type);
    }
    if (major != null) {
      r.put("major", major);
    }
    if (minor != null) {
      r.put("minor", minor);
    }
    r.put("access", access);
    return r;
  }
}
