package io.wharf.api.container;

import java.util.Map;

/**
 * One {@code --ulimit name=soft[:hard]} (Docker's HostConfig.Ulimits entry).
 *
 * @param name Docker's short name: "nofile", "nproc", "core", "memlock", "stack", ...
 * @param soft, hard the limits; -1 means unlimited
 */
public record Ulimit(String name, long soft, long hard) {

  /** Docker's ulimit names and the OCI rlimit types they set. */
  public static final Map<String, String> OCI_TYPES = Map.ofEntries(
      Map.entry("core", "RLIMIT_CORE"), Map.entry("cpu", "RLIMIT_CPU"), Map.entry("data", "RLIMIT_DATA"),
      Map.entry("fsize", "RLIMIT_FSIZE"), Map.entry("locks", "RLIMIT_LOCKS"),
      Map.entry("memlock", "RLIMIT_MEMLOCK"), Map.entry("msgqueue", "RLIMIT_MSGQUEUE"),
      Map.entry("nice", "RLIMIT_NICE"), Map.entry("nofile", "RLIMIT_NOFILE"), Map.entry("nproc", "RLIMIT_NPROC"),
      Map.entry("rss", "RLIMIT_RSS"), Map.entry("rtprio", "RLIMIT_RTPRIO"), Map.entry("rttime", "RLIMIT_RTTIME"),
      Map.entry("sigpending", "RLIMIT_SIGPENDING"), Map.entry("stack", "RLIMIT_STACK"),
      Map.entry("as", "RLIMIT_AS"));

  /** The OCI type ("RLIMIT_NOFILE"), or null for a name Docker does not know. */
  public String ociType() {
    return OCI_TYPES.get(name);
  }
}
