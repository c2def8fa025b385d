package io.wharf.node.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link StatsSample} from a container's cgroup files, v1 (cpuacct, memory, pids, blkio)
 * or v2 (cpu.stat, memory.current, pids.current, io.stat). Blocks (file reads).
 */
public final class CgroupStats {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ 100
  private static final long UNLIMITED_V1 = 0x7FFFFFFFFFFFF000L;

  private final long hostMemory;
  private final Path procStat;

  public CgroupStats(long hostMemory, Path procStat) {
    this.hostMemory = hostMemory;
    this.procStat = procStat;
  }

  public StatsSample read(CgroupPaths cg, long nowNanos) {
    Optional<Path> memory = cg.v1("memory");
    if (memory.isPresent() || cg.v2().isEmpty()) {
      return v1(cg, memory, nowNanos);
    }
    return v2(cg.v2().get(), nowNanos);
  }

  private StatsSample v1(CgroupPaths cg, Optional<Path> memory, long now) {
    Path cpuacct = cg.v1("cpuacct").orElse(Path.of("/nonexistent"));
    Map<String, Long> cpuStat = CgroupFiles.keyValues(cpuacct.resolve("cpuacct.stat"));
    List<Long> perCpu = new ArrayList<>();
    for (String line : CgroupFiles.lines(cpuacct.resolve("cpuacct.usage_percpu"))) {
      for (String f : line.strip().split("\\s+")) {
        if (!f.isEmpty()) {
          perCpu.add(Long.parseLong(f));
        }
      }
    }
    Path mem = memory.orElse(Path.of("/nonexistent"));
    Path pids = cg.v1("pids").orElse(Path.of("/nonexistent"));
    Path blkio = cg.v1("blkio").orElse(Path.of("/nonexistent"));
    long limit = CgroupFiles.number(mem.resolve("memory.limit_in_bytes"));
    return new StatsSample(now, CgroupFiles.number(cpuacct.resolve("cpuacct.usage")), perCpu,
        cpuStat.getOrDefault("user", 0L) * TICK_NANOS, cpuStat.getOrDefault("system", 0L) * TICK_NANOS,
        systemCpu(), onlineCpus(), CgroupFiles.number(mem.resolve("memory.usage_in_bytes")),
        CgroupFiles.number(mem.resolve("memory.max_usage_in_bytes")), effectiveLimit(limit),
        CgroupFiles.number(mem.resolve("memory.failcnt")), CgroupFiles.keyValues(mem.resolve("memory.stat")),
        CgroupFiles.number(pids.resolve("pids.current")), CgroupFiles.number(pids.resolve("pids.max")),
        blkioV1(blkio.resolve("blkio.throttle.io_service_bytes")));
  }

  private StatsSample v2(Path dir, long now) {
    Map<String, Long> cpu = CgroupFiles.keyValues(dir.resolve("cpu.stat"));
    long limit = CgroupFiles.number(dir.resolve("memory.max"));
    return new StatsSample(now, cpu.getOrDefault("usage_usec", 0L) * 1000, List.of(),
        cpu.getOrDefault("user_usec", 0L) * 1000, cpu.getOrDefault("system_usec", 0L) * 1000, systemCpu(),
        onlineCpus(), CgroupFiles.number(dir.resolve("memory.current")), 0, effectiveLimit(limit), 0,
        CgroupFiles.keyValues(dir.resolve("memory.stat")), CgroupFiles.number(dir.resolve("pids.current")),
        CgroupFiles.number(dir.resolve("pids.max")), ioV2(dir.resolve("io.stat")));
  }

  /** No limit (v1's huge number, v2's "max", 0) reads as the host's memory, as dockerd reports it. */
  private long effectiveLimit(long limit) {
    return limit <= 0 || limit >= UNLIMITED_V1 || (hostMemory > 0 && limit > hostMemory) ? hostMemory : limit;
  }

  /** Sum of the "cpu" line of /proc/stat, in nanoseconds. */
  long systemCpu() {
    for (String line : CgroupFiles.lines(procStat)) {
      if (line.startsWith("cpu ")) {
        long ticks = 0;
        String[] f = line.strip().split("\\s+");
        for (int i = 1; i < f.length && i <= 8; i++) {
          ticks += Long.parseLong(f[i]);
        }
        return ticks * TICK_NANOS;
      }
    }
    return 0;
  }

  int onlineCpus() {
    int n = 0;
    for (String line : CgroupFiles.lines(procStat)) {
      if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
        n++;
      }
    }
    return n > 0 ? n : Runtime.getRuntime().availableProcessors();
  }

  /** "8:0 Read 4096" lines; the "Total" line of the file is dropped. */
  static List<StatsSample.BlkioRow> blkioV1(Path file) {
    List<StatsSample.BlkioRow> rows = new ArrayList<>();
    for (String line : CgroupFiles.lines(file)) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 3 && f[0].contains(":")) {
        String[] dev = f[0].split(":");
        rows.add(new StatsSample.BlkioRow(Long.parseLong(dev[0]), Long.parseLong(dev[1]), f[1], Long.parseLong(f[2])));
      }
    }
    return rows;
  }

  /** "8:0 rbytes=1 wbytes=2 ..." lines become read/write rows, as dockerd maps v2. */
  static List<StatsSample.BlkioRow> ioV2(Path file) {
    List<StatsSample.BlkioRow> rows = new ArrayList<>();
    for (String line : CgroupFiles.lines(file)) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2 || !f[0].contains(":")) {
        continue;
      }
      String[] dev = f[0].split(":");
      for (int i = 1; i < f.length; i++) {
        String[] kv = f[i].split("=");
        if (kv.length == 2 && (kv[0].equals("rbytes") || kv[0].equals("wbytes"))) {
          rows.add(new StatsSample.BlkioRow(Long.parseLong(dev[0]), Long.parseLong(dev[1]),
              kv[0].equals("rbytes") ? "read" : "write", Long.parseLong(kv[1])));
        }
      }
    }
    return rows;
  }
}
