package io.wharf.node.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Docker's stats document (docker-api.md §4.6) from two samples. Pure. */
public final class StatsJson {
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private StatsJson() {}

  /**
   * With the container's network counters ({@code networks}, left out when it has no interface but
   * loopback, as dockerd leaves it out for {@code --network none}).
   */
  public static JsonObject of(String id, String name, StatsSample now, StatsSample previous,
      java.util.Map<String, NetDevCounters> networks) {
    JsonObject out = of(id, name, now, previous);
    if (!networks.isEmpty()) {
      JsonObject nets = new JsonObject();
      networks.forEach((ifName, c) -> nets.put(ifName, new JsonObject()
          .put("rx_bytes", c.rxBytes()).put("rx_packets", c.rxPackets()).put("rx_errors", c.rxErrors())
          .put("rx_dropped", c.rxDropped()).put("tx_bytes", c.txBytes()).put("tx_packets", c.txPackets())
          .put("tx_errors", c.txErrors()).put("tx_dropped", c.txDropped())));
      out.put("networks", nets);
    }
    return out;
  }

  /** @param previous the earlier sample, or null (precpu all zero, preread zero time) */
  public static JsonObject of(String id, String name, StatsSample now, StatsSample previous) {
    JsonObject out = new JsonObject()
        .put("read", time(now.readNanos()))
        .put("preread", previous == null ? ZERO_TIME : time(previous.readNanos()))
        .put("pids_stats", pids(now))
        .put("blkio_stats", blkio(now))
        .put("num_procs", 0)
        .put("storage_stats", new JsonObject())
        .put("cpu_stats", cpu(now))
        .put("precpu_stats", previous == null ? emptyCpu() : cpu(previous))
        .put("memory_stats", memory(now))
        .put("name", "/" + name)
        .put("id", id);
    return out;
  }

  private static JsonObject cpu(StatsSample s) {
    JsonObject usage = new JsonObject().put("total_usage", s.cpuTotalNanos())
        .put("usage_in_kernelmode", s.kernelNanos()).put("usage_in_usermode", s.userNanos());
    if (!s.perCpuNanos().isEmpty()) {
      usage.put("percpu_usage", new JsonArray(s.perCpuNanos()));
    }
    return new JsonObject().put("cpu_usage", usage).put("system_cpu_usage", s.systemCpuNanos())
        .put("online_cpus", s.onlineCpus())
        .put("throttling_data", new JsonObject().put("periods", 0).put("throttled_periods", 0).put("throttled_time", 0));
  }

  private static JsonObject emptyCpu() {
    return new JsonObject().put("cpu_usage", new JsonObject().put("total_usage", 0).put("usage_in_kernelmode", 0)
        .put("usage_in_usermode", 0))
        .put("throttling_data", new JsonObject().put("periods", 0).put("throttled_periods", 0).put("throttled_time", 0));
  }

  private static JsonObject memory(StatsSample s) {
    JsonObject stats = new JsonObject();
    s.memoryStats().forEach(stats::put);
    JsonObject m = new JsonObject().put("usage", s.memoryUsage()).put("stats", stats).put("limit", s.memoryLimit());
    if (s.memoryMaxUsage() > 0) {
      m.put("max_usage", s.memoryMaxUsage());
    }
    return m;
  }

  private static JsonObject pids(StatsSample s) {
    JsonObject p = new JsonObject().put("current", s.pidsCurrent());
    if (s.pidsLimit() > 0 && s.pidsLimit() < Long.MAX_VALUE) {
      p.put("limit", s.pidsLimit());
    }
    return p;
  }

  private static JsonObject blkio(StatsSample s) {
    JsonArray rows = new JsonArray();
    s.blkio().forEach(r -> rows.add(new JsonObject().put("major", r.major()).put("minor", r.minor())
        .put("op", r.op()).put("value", r.value())));
    return new JsonObject().put("io_service_bytes_recursive", rows).put("io_serviced_recursive", null)
        .put("io_queue_recursive", null).put("io_service_time_recursive", null).put("io_wait_time_recursive", null)
        .put("io_merged_recursive", null).put("io_time_recursive", null).put("sectors_recursive", null);
  }

  static String time(long nanos) {
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L).toString();
  }
}
