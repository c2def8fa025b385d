package io.wharf.node.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup v1 and v2 trees laid out in a temp dir, read as docker stats documents. */
class CgroupStatsTest {
  @TempDir
  Path root;

  private Path write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private Path procStat() throws IOException {
    return write("proc-stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\ncpu1 50 0 50 400 0 0 0 0 0 0\n");
  }

  @Test
  void parsesProcCgroupIncludingCoMountedControllers() throws IOException {
    Files.createDirectories(root.resolve("cpu,cpuacct/wharf/x"));
    Files.createDirectories(root.resolve("memory/wharf/x"));
    CgroupPaths cg = CgroupPaths.parse(root, "4:memory:/wharf/x\n2:cpu,cpuacct:/wharf/x\n0::/\n");
    assertEquals(root.resolve("cpu,cpuacct/wharf/x"), cg.v1("cpuacct").orElseThrow());
    assertEquals(root.resolve("memory/wharf/x"), cg.v1("memory").orElseThrow());
    assertTrue(cg.v1("pids").isEmpty());
    assertTrue(cg.v2().isEmpty(), "a root v2 path is the host's, not the container's");
  }

  @Test
  void readsV1Counters() throws IOException {
    write("cpuacct/wharf/x/cpuacct.usage", "5000000\n");
    write("cpuacct/wharf/x/cpuacct.usage_percpu", "2000000 3000000 \n");
    write("cpuacct/wharf/x/cpuacct.stat", "user 3\nsystem 1\n");
    write("memory/wharf/x/memory.usage_in_bytes", "1048576\n");
    write("memory/wharf/x/memory.limit_in_bytes", "9223372036854771712\n");
    write("memory/wharf/x/memory.stat", "cache 0\ntotal_inactive_file 4096\n");
    write("pids/wharf/x/pids.current", "2\n");
    write("pids/wharf/x/pids.max", "max\n");
    write("blkio/wharf/x/blkio.throttle.io_service_bytes", "8:0 Read 4096\n8:0 Write 8192\nTotal 12288\n");
    CgroupPaths cg = CgroupPaths.parse(root, "9:pids:/wharf/x\n8:blkio:/wharf/x\n4:memory:/wharf/x\n2:cpuacct:/wharf/x\n");
    StatsSample s = new CgroupStats(8L << 30, procStat()).read(cg, 1_000_000_000L);
    assertEquals(5_000_000L, s.cpuTotalNanos());
    assertEquals(List.of(2_000_000L, 3_000_000L), s.perCpuNanos());
    assertEquals(30_000_000L, s.userNanos());
    assertEquals(10_000_000_000L, s.systemCpuNanos(), "1000 ticks of 10 ms");
    assertEquals(2, s.onlineCpus());
    assertEquals(1_048_576L, s.memoryUsage());
    assertEquals(8L << 30, s.memoryLimit(), "no limit reads as the host's memory");
    assertEquals(4096L, s.memoryStats().get("total_inactive_file"));
    assertEquals(2, s.pidsCurrent());
    assertEquals(List.of(new StatsSample.BlkioRow(8, 0, "Read", 4096), new StatsSample.BlkioRow(8, 0, "Write", 8192)),
        s.blkio());
    JsonObject doc = StatsJson.of("id1", "c1", s, null);
    assertEquals("/c1", doc.getString("name"));
    assertEquals("0001-01-01T00:00:00Z", doc.getString("preread"));
    assertEquals(5_000_000L, doc.getJsonObject("cpu_stats").getJsonObject("cpu_usage").getLong("total_usage"));
    assertEquals(2, doc.getJsonObject("cpu_stats").getInteger("online_cpus"));
    assertEquals(0L, doc.getJsonObject("precpu_stats").getJsonObject("cpu_usage").getLong("total_usage"));
    assertTrue(doc.getJsonObject("pids_stats").getValue("limit") == null, "unlimited pids has no limit");
  }

  @Test
  void readsV2Counters() throws IOException {
    write("cgroup.controllers", "cpu memory pids io\n");
    write("wharf/x/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
    write("wharf/x/memory.current", "2097152\n");
    write("wharf/x/memory.max", "67108864\n");
    write("wharf/x/memory.stat", "inactive_file 1024\n");
    write("wharf/x/pids.current", "3\n");
    write("wharf/x/pids.max", "50\n");
    write("wharf/x/io.stat", "8:0 rbytes=100 wbytes=200 rios=1 wios=2\n");
    CgroupPaths cg = CgroupPaths.parse(root, "0::/wharf/x\n");
    StatsSample s = new CgroupStats(8L << 30, procStat()).read(cg, 1L);
    assertEquals(1_500_000L, s.cpuTotalNanos());
    assertEquals(67_108_864L, s.memoryLimit());
    assertEquals(1024L, s.memoryStats().get("inactive_file"));
    assertEquals(50, s.pidsLimit());
    assertEquals(List.of(new StatsSample.BlkioRow(8, 0, "read", 100), new StatsSample.BlkioRow(8, 0, "write", 200)),
        s.blkio());
  }

  @Test
  void missingFilesReadAsZeros() throws IOException {
    StatsSample s = new CgroupStats(1024, procStat()).read(CgroupPaths.none(), 1L);
    assertEquals(0, s.cpuTotalNanos());
    assertEquals(0, s.memoryUsage());
    assertEquals(1024, s.memoryLimit());
    assertEquals(0, s.pidsCurrent());
  }
}
