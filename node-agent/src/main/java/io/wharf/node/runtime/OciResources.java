package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.HostSettings;

/**
 * HostConfig limits to OCI {@code linux.resources}, with Docker's rules and error wording:
 * MemorySwap 0 with a memory limit = twice the memory, -1 = unlimited; NanoCpus = quota over a
 * 100000 us period; CpuShares, CpuQuota, CpuPeriod as given; PidsLimit only when positive.
 * Never emits hugepage or kernel-memory limits (they break runc on cgroup v1 hosts like ours).
 */
final class OciResources {
  private OciResources() {}

  static final long CPU_PERIOD_US = 100_000;
  /** Docker's minimum memory limit: 6 MiB. */
  static final long MIN_MEMORY = 6L * 1024 * 1024;

  /** Adds memory, cpu and pids to {@code resources}. @throws WharfException INVALID_ARGUMENT */
  static void apply(HostSettings h, ObjectNode resources) {
    memory(h, resources);
    cpu(h, resources);
    if (h.pidsLimit() != null && h.pidsLimit() > 0) {
      resources.putObject("pids").put("limit", h.pidsLimit());
    }
  }

  private static void memory(HostSettings h, ObjectNode resources) {
    long mem = h.memory();
    long swap = h.memorySwap();
    if (mem < 0 || swap < -1) {
      throw WharfException.invalid("invalid memory limit " + mem + " / swap " + swap);
    }
    if (mem > 0 && mem < MIN_MEMORY) {
      throw WharfException.invalid("Minimum memory limit allowed is 6MB");
    }
    if (mem == 0 && swap > 0) {
      throw WharfException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (mem > 0 && swap > 0 && swap < mem) {
      throw WharfException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (mem == 0) {
      return;
    }
    ObjectNode m = resources.putObject("memory");
    m.put("limit", mem);
    m.put("swap", swap == 0 ? 2 * mem : swap);
  }

  private static void cpu(HostSettings h, ObjectNode resources) {
    if (h.nanoCpus() < 0 || h.cpuShares() < 0 || h.cpuQuota() < -1 || h.cpuPeriod() < 0) {
      throw WharfException.invalid("invalid CPU settings: negative value");
    }
    if (h.nanoCpus() > 0 && h.cpuPeriod() > 0) {
      throw WharfException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (h.nanoCpus() > 0 && h.cpuQuota() > 0) {
      throw WharfException.invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }
    if (h.nanoCpus() > 0 && h.nanoCpus() < 10_000_000L) {
      throw WharfException.invalid("Range of CPUs is from 0.01 to the number of CPUs available");
    }
    if (h.cpuPeriod() > 0 && (h.cpuPeriod() < 1000 || h.cpuPeriod() > 1_000_000)) {
      throw WharfException.invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (h.cpuQuota() > 0 && h.cpuQuota() < 1000) {
      throw WharfException.invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    ObjectNode cpu = Json.MAPPER.createObjectNode();
    if (h.cpuShares() > 0) {
      cpu.put("shares", h.cpuShares());
    }
    if (h.nanoCpus() > 0) {
      cpu.put("quota", h.nanoCpus() * CPU_PERIOD_US / 1_000_000_000L);
      cpu.put("period", CPU_PERIOD_US);
    }
    if (h.cpuQuota() > 0) {
      cpu.put("quota", h.cpuQuota());
    }
    if (h.cpuPeriod() > 0) {
      cpu.put("period", h.cpuPeriod());
    }
    if (cpu.size() > 0) {
      resources.set("cpu", cpu);
    }
  }
}
