package io.wharf.node.update;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerOps;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code docker update} as a plan: validates the request against the container's current
 * settings (Docker's checks and wording), and yields the new settings plus the {@code runc update}
 * flags for a running container. Pure.
 */
public final class ResourceUpdate {
  static final long MIN_MEMORY = 6 * 1024 * 1024;
  static final long CPU_PERIOD = 100_000;
  private static final Set<String> POLICIES = Set.of("no", "", "always", "unless-stopped", "on-failure");

  private ResourceUpdate() {}

  /** The result: settings to store and flags for a running container (empty: nothing to apply). */
  public record Plan(HostSettings host, List<String> runcFlags) {}

  /** @throws WharfException INVALID_ARGUMENT naming the container and the problem */
  public static Plan plan(String id, HostSettings current, ContainerOps.Update u, int hostCpus) {
    validate(id, current, u, hostCpus);
    ObjectNode h = Json.MAPPER.valueToTree(current);
    List<String> flags = new ArrayList<>();
    if (u.memory() != null) {
      h.put("memory", u.memory());
      flags.addAll(List.of("--memory", Long.toString(u.memory() == 0 ? -1 : u.memory())));
    }
    if (u.memorySwap() != null) {
      h.put("memorySwap", u.memorySwap());
      flags.addAll(List.of("--memory-swap", Long.toString(u.memorySwap() == 0 ? -1 : u.memorySwap())));
    }
    if (u.nanoCpus() != null) {
      h.put("nanoCpus", u.nanoCpus());
      long quota = u.nanoCpus() == 0 ? -1 : u.nanoCpus() * CPU_PERIOD / 1_000_000_000L;
      flags.addAll(List.of("--cpu-period", Long.toString(CPU_PERIOD), "--cpu-quota", Long.toString(quota)));
    }
    if (u.cpuShares() != null) {
      h.put("cpuShares", u.cpuShares());
      if (u.cpuShares() > 0) {
        flags.addAll(List.of("--cpu-share", Long.toString(u.cpuShares())));
      }
    }
    if (u.cpuPeriod() != null) {
      h.put("cpuPeriod", u.cpuPeriod());
      if (u.cpuPeriod() > 0) {
        flags.addAll(List.of("--cpu-period", Long.toString(u.cpuPeriod())));
      }
    }
    if (u.cpuQuota() != null) {
      h.put("cpuQuota", u.cpuQuota());
      flags.addAll(List.of("--cpu-quota", Long.toString(u.cpuQuota() == 0 ? -1 : u.cpuQuota())));
    }
    if (u.pidsLimit() != null) {
      h.put("pidsLimit", u.pidsLimit());
      flags.addAll(List.of("--pids-limit", Long.toString(u.pidsLimit() <= 0 ? -1 : u.pidsLimit())));
    }
    isolation(u, h.get("isolation") instanceof ObjectNode iso ? iso : h.putObject("isolation"), flags);
    if (u.restartPolicy() != null) {
      RestartPolicy p = u.restartPolicy();
      h.set("restartPolicy", Json.MAPPER.valueToTree(new RestartPolicy(p.name().isEmpty() ? "no" : p.name(),
          p.maximumRetryCount())));
    }
    return new Plan(Json.MAPPER.convertValue(h, HostSettings.class), flags);
  }

  /** --cpuset-cpus, --cpuset-mems, --memory-reservation into HostSettings.isolation and runc flags. */
  private static void isolation(ContainerOps.Update u, ObjectNode iso, List<String> flags) {
    if (u.cpusetCpus() != null) {
      iso.put("cpusetCpus", u.cpusetCpus());
      flags.addAll(List.of("--cpuset-cpus", u.cpusetCpus()));
    }
    if (u.cpusetMems() != null) {
      iso.put("cpusetMems", u.cpusetMems());
      flags.addAll(List.of("--cpuset-mems", u.cpusetMems()));
    }
    if (u.memoryReservation() != null) {
      iso.put("memoryReservation", u.memoryReservation());
      flags.addAll(List.of("--memory-reservation", Long.toString(u.memoryReservation() == 0 ? -1 : u.memoryReservation())));
    }
  }

  private static void validate(String id, HostSettings cur, ContainerOps.Update u, int hostCpus) {
    for (Long v : new Long[] {u.memory(), u.nanoCpus(), u.cpuShares(), u.cpuPeriod()}) {
      if (v != null && v < 0) {
        throw bad(id, "invalid negative value " + v);
      }
    }
    if (u.cpuQuota() != null && u.cpuQuota() < -1) {
      throw bad(id, "invalid CPU quota " + u.cpuQuota());
    }
    if (u.memory() != null && u.memory() > 0 && u.memory() < MIN_MEMORY) {
      throw bad(id, "Minimum memory limit allowed is 6MB");
    }
    long memory = u.memory() != null ? u.memory() : cur.memory();
    long swap = u.memorySwap() != null ? u.memorySwap() : cur.memorySwap();
    if (swap > 0 && memory > 0 && swap < memory) {
      throw bad(id, u.memorySwap() != null ? "Minimum memoryswap limit should be larger than memory limit, see usage"
          : "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
    }
    if (u.memorySwap() != null && u.memorySwap() > 0 && memory == 0) {
      throw bad(id, "You should always set the Memory limit when using Memoryswap limit");
    }
    if (u.nanoCpus() != null && u.nanoCpus() > 0) {
      if (u.nanoCpus() < 10_000_000L || u.nanoCpus() > hostCpus * 1_000_000_000L) {
        throw bad(id, String.format("Range of CPUs is from 0.01 to %d.00, as there are only %d CPUs available",
            hostCpus, hostCpus));
      }
      if ((u.cpuQuota() != null && u.cpuQuota() > 0) || (u.cpuQuota() == null && cur.cpuQuota() > 0)) {
        throw bad(id, "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
      }
    }
    if (u.cpuQuota() != null && u.cpuQuota() > 0 && u.cpuQuota() < 1000) {
      throw bad(id, "CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if (u.cpuPeriod() != null && u.cpuPeriod() != 0 && (u.cpuPeriod() < 1000 || u.cpuPeriod() > 1_000_000)) {
      throw bad(id, "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    Long reservation = u.memoryReservation();
    if (reservation != null && (reservation < 0 || (reservation > 0 && reservation < MIN_MEMORY))) {
      throw bad(id, "Minimum memory reservation allowed is 6MB");
    }
    long limit = u.memory() != null ? u.memory() : cur.memory();
    long soft = reservation != null ? reservation : cur.isolation().memoryReservation();
    if (limit > 0 && soft > limit) {
      throw bad(id, "Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    if (u.restartPolicy() != null) {
      restart(id, cur, u.restartPolicy());
    }
  }

  private static void restart(String id, HostSettings cur, RestartPolicy p) {
    String name = p.name() == null ? "" : p.name();
    if (!POLICIES.contains(name)) {
      throw bad(id, "invalid restart policy '" + name + "'");
    }
    if (p.maximumRetryCount() < 0) {
      throw bad(id, "maximum retry count cannot be negative");
    }
    if (p.maximumRetryCount() > 0 && !name.equals("on-failure")) {
      throw bad(id, "maximum retry count cannot be used with restart policy '" + name + "'");
    }
    if (cur.autoRemove() && !name.isEmpty() && !name.equals("no")) {
      throw bad(id, "Restart policy cannot be updated because AutoRemove is enabled for the container");
    }
  }

  private static WharfException bad(String id, String problem) {
    return WharfException.invalid("Cannot update container " + id + ": " + problem);
  }
}
