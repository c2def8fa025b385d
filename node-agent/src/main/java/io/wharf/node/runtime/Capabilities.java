package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Docker's capability rules: the default set, {@code --privileged}, and CapAdd/CapDrop with or
 * without the {@code CAP_} prefix and the word {@code ALL}. Results never leave the host's
 * bounding set (runc cannot grant a capability the agent does not hold).
 */
public final class Capabilities {
  private Capabilities() {}

  /** Linux capability names indexed by their number (0..40). */
  static final List<String> ALL = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
      "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
      "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
      "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
      "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
      "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
      "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
      "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
      "CAP_CHECKPOINT_RESTORE");

  /** Docker's default set (the 14 capabilities of moby's oci/caps defaults). */
  public static final List<String> DOCKER_DEFAULT = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
      "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
      "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

  /**
   * The capability list for a container, Docker's way: privileged = every capability; "ALL" in
   * add = every one but those dropped; "ALL" in drop = only those added; otherwise defaults minus
   * drops plus adds. Then intersected with the host's bounding set.
   *
   * @throws WharfException INVALID_ARGUMENT {@code unknown capability: "CAP_FOO"}
   */
  public static List<String> effective(boolean privileged, List<String> capAdd, List<String> capDrop,
      HostLimits host) {
    List<String> adds = normalize(capAdd);
    List<String> drops = normalize(capDrop);
    Set<String> caps = new LinkedHashSet<>();
    if (privileged || adds.contains("ALL")) {
      for (String c : ALL) {
        if (privileged || !drops.contains(c)) {
          caps.add(c);
        }
      }
    } else if (drops.contains("ALL")) {
      caps.addAll(adds);
    } else {
      for (String c : DOCKER_DEFAULT) {
        if (!drops.contains(c)) {
          caps.add(c);
        }
      }
      caps.addAll(adds);
    }
    List<String> allowed = new ArrayList<>();
    for (String c : caps) {
      if (host.allowsCap(ALL.indexOf(c))) {
        allowed.add(c);
      }
    }
    return allowed;
  }

  /** Upper-cases, adds the CAP_ prefix, keeps "ALL"; rejects names Linux does not know. */
  static List<String> normalize(List<String> names) {
    List<String> out = new ArrayList<>();
    if (names == null) {
      return out;
    }
    for (String raw : names) {
      String c = raw.trim().toUpperCase(Locale.ROOT);
      if (c.equals("ALL")) {
        out.add(c);
        continue;
      }
      if (!c.startsWith("CAP_")) {
        c = "CAP_" + c;
      }
      if (!ALL.contains(c)) {
        throw WharfException.invalid("unknown capability: \"" + c + "\"");
      }
      out.add(c);
    }
    return out;
  }
}
