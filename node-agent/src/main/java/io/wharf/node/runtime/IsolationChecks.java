package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import io.wharf.api.container.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The node-dependent create-time checks of {@link Isolation}: the CPUs and memory nodes must be
 * online here (dockerd's wording), a blkio weight needs a weight file in the blkio cgroup (absent
 * without CFQ/BFQ weights), and an oom_score_adj below the agent's own needs CAP_SYS_RESOURCE, which
 * this host withholds: refused rather than requested. All INVALID_ARGUMENT.
 */
public final class IsolationChecks {
  private IsolationChecks() {}

  static final Path CPUS_ONLINE = Path.of("/sys/devices/system/cpu/online");
  static final Path MEMS_ONLINE = Path.of("/sys/devices/system/node/online");
  static final Path BLKIO = Path.of("/sys/fs/cgroup/blkio");

  /** Blocks (reads /sys and /proc). */
  public static void checkAtCreate(Isolation iso) {
    checkCpusets(iso.cpusetCpus(), iso.cpusetMems());
    if (iso.blkioWeight() > 0 && !blkioWeightSupported()) {
      throw WharfException.invalid("Your kernel does not support Block I/O weight or the cgroup is not mounted:"
          + " --blkio-weight cannot be applied on this host");
    }
    requireOomScoreAdj(iso.oomScoreAdj(), Integer.parseInt(read(Path.of("/proc/self/oom_score_adj"), "0")));
  }

  /** CPUs and memory nodes (null: not asked for) must be online here. Blocks (reads /sys). */
  public static void checkCpusets(String cpus, String mems) {
    if (cpus != null) {
      requireAvailable("CPUs", cpus, read(CPUS_ONLINE, "0"));
    }
    if (mems != null) {
      requireAvailable("memory nodes", mems, read(MEMS_ONLINE, "0"));
    }
  }

  /** dockerd's "Requested CPUs are not available - requested X, available: Y". */
  static void requireAvailable(String what, String requested, String available) {
    BitSet want = parse(requested);
    BitSet have = parse(available);
    want.andNot(have);
    if (!want.isEmpty()) {
      throw WharfException.invalid("Requested " + what + " are not available - requested " + requested
          + ", available: " + available);
    }
  }

  /** Lowering a score below the agent's own needs CAP_SYS_RESOURCE, which the agent lacks. */
  static void requireOomScoreAdj(int requested, int own) {
    if (requested != 0 && requested < own) {
      throw WharfException.invalid("Invalid value " + requested + " for --oom-score-adj: this host does not allow"
          + " a score below the daemon's own (" + own + "): lowering it needs CAP_SYS_RESOURCE");
    }
  }

  /** A cpuset list ("0-2,4") as a bit set; the syntax was checked by the gateway. */
  static BitSet parse(String list) {
    BitSet out = new BitSet();
    for (String part : list.trim().split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] ends = part.split("-");
      int from = Integer.parseInt(ends[0].trim());
      int to = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : from;
      out.set(from, to + 1);
    }
    return out;
  }

  private static boolean blkioWeightSupported() {
    return Files.exists(BLKIO.resolve("blkio.weight")) || Files.exists(BLKIO.resolve("blkio.bfq.weight"));
  }

  private static String read(Path file, String fallback) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return fallback;
    }
  }
}
