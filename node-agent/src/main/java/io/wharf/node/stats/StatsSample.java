package io.wharf.node.stats;

import java.util.List;
import java.util.Map;

/**
 * One reading of a container's cgroup counters, in Docker's units.
 *
 * @param cpuTotalNanos cumulative CPU time of the container
 * @param systemCpuNanos cumulative CPU time of the host (all CPUs), from /proc/stat
 * @param memoryLimit bytes; the host's memory when the container has no limit
 * @param memoryStats memory.stat as is (v1 keys such as total_inactive_file, v2 keys such as inactive_file)
 * @param blkio (major, minor, op, value) rows; op "read"/"write"... as the kernel names them
 */
public record StatsSample(long readNanos, long cpuTotalNanos, List<Long> perCpuNanos, long userNanos,
    long kernelNanos, long systemCpuNanos, int onlineCpus, long memoryUsage, long memoryMaxUsage, long memoryLimit,
    long memoryFailcnt, Map<String, Long> memoryStats, long pidsCurrent, long pidsLimit, List<BlkioRow> blkio) {

  public record BlkioRow(long major, long minor, String op, long value) {}
}
