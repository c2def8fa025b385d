package io.wharf.gateway.container;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.Isolation;

/**
 * HostConfig's PidMode, IpcMode, UTSMode, CgroupnsMode, UsernsMode, OomScoreAdj, CpusetCpus,
 * CpusetMems, BlkioWeight, MemoryReservation, MemorySwappiness and OomKillDisable, in both
 * directions, with the checks dockerd makes at create (its wording; all INVALID_ARGUMENT).
 * Checks that depend on the node (online CPUs, the agent's own oom_score_adj, a blkio weight
 * file) are the node's, at create.
 */
final class IsolationJson {
  private IsolationJson() {}

  static final long MIN_RESERVATION = 6L * 1024 * 1024;
  /** What inspect shows for an unset IpcMode: dockerd's default-ipc-mode. */
  static final String DEFAULT_IPC = "private";
  /** What inspect shows for an unset CgroupnsMode on a cgroup v1 host. */
  static final String DEFAULT_CGROUPNS = "host";

  static Isolation parse(JsonObject h) {
    Object swappiness = h.getValue("MemorySwappiness");
    Object oomKill = h.getValue("OomKillDisable");
    return new Isolation(h.getString("PidMode"), h.getString("IpcMode"), h.getString("UTSMode"),
        h.getString("CgroupnsMode"), h.getString("UsernsMode"),
        (int) CreateRequestTranslator.longOf(h, "OomScoreAdj"), h.getString("CpusetCpus"), h.getString("CpusetMems"),
        (int) CreateRequestTranslator.longOf(h, "BlkioWeight"), CreateRequestTranslator.longOf(h, "MemoryReservation"),
        swappiness == null ? null : CreateRequestTranslator.number(h, "MemorySwappiness").longValue(),
        oomKill == null ? null : CreateRequestTranslator.bool(h, "OomKillDisable"));
  }

  /** @param hostname Config.Hostname (conflicts with UTS host) */
  static void validate(Isolation i, String hostname, long memory) {
    mode("PID", i.pidMode(), true, "host");
    mode("IPC", i.ipcMode(), true, "host", "private", "shareable", "none");
    mode("UTS", i.utsMode(), false, "host");
    mode("cgroup namespace", i.cgroupnsMode(), false, "host", "private");
    mode("userns", i.usernsMode(), false, "host");
    if ("host".equals(i.utsMode()) && hostname != null && !hostname.isEmpty()) {
      throw WharfException.invalid("conflicting options: hostname and the UTS mode");
    }
    if (i.oomScoreAdj() < -1000 || i.oomScoreAdj() > 1000) {
      throw WharfException.invalid("Invalid value " + i.oomScoreAdj() + ", range for oom score adj is [-1000, 1000]");
    }
    if (i.cpusetCpus() != null && !CpuSet.isValid(i.cpusetCpus())) {
      throw WharfException.invalid("Invalid value " + i.cpusetCpus() + " for cpuset cpus");
    }
    if (i.cpusetMems() != null && !CpuSet.isValid(i.cpusetMems())) {
      throw WharfException.invalid("Invalid value " + i.cpusetMems() + " for cpuset mems");
    }
    if (i.blkioWeight() != 0 && (i.blkioWeight() < 10 || i.blkioWeight() > 1000)) {
      throw WharfException.invalid("Range of blkio weight is from 10 to 1000");
    }
    if (i.memoryReservation() < 0 || (i.memoryReservation() > 0 && i.memoryReservation() < MIN_RESERVATION)) {
      throw WharfException.invalid("Minimum memory reservation allowed is 6MB");
    }
    if (memory > 0 && i.memoryReservation() > memory) {
      throw WharfException.invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    Long sw = i.memorySwappiness();
    if (sw != null && sw != -1 && (sw < 0 || sw > 100)) {
      throw WharfException.invalid("Invalid value: " + sw + ", valid memory swappiness range is 0-100");
    }
  }

  /** Adds the fields to inspect's HostConfig as dockerd shows them. */
  static void put(JsonObject hostConfig, Isolation i) {
    hostConfig.put("PidMode", i.pidMode())
        .put("IpcMode", i.ipcMode().isEmpty() ? DEFAULT_IPC : i.ipcMode())
        .put("UTSMode", i.utsMode())
        .put("CgroupnsMode", i.cgroupnsMode().isEmpty() ? DEFAULT_CGROUPNS : i.cgroupnsMode())
        .put("UsernsMode", i.usernsMode())
        .put("OomScoreAdj", i.oomScoreAdj())
        .put("CpusetCpus", i.cpusetCpus() == null ? "" : i.cpusetCpus())
        .put("CpusetMems", i.cpusetMems() == null ? "" : i.cpusetMems())
        .put("BlkioWeight", i.blkioWeight())
        .put("MemoryReservation", i.memoryReservation())
        .put("MemorySwappiness", i.memorySwappiness() == null || i.memorySwappiness() == -1 ? null : i.memorySwappiness())
        .put("OomKillDisable", i.oomKillDisable() != null && i.oomKillDisable());
  }

  /** "" or one of {@code allowed}, or "container:&lt;ref&gt;" when {@code joinable}; dockerd's "invalid X mode". */
  private static void mode(String what, String value, boolean joinable, String... allowed) {
    if (value.isEmpty() || java.util.List.of(allowed).contains(value)) {
      return;
    }
    String target = Isolation.targetOf(value);
    if (joinable && target != null && !target.isEmpty()) {
      return;
    }
    throw WharfException.invalid("invalid " + what + " mode: " + value);
  }
}
