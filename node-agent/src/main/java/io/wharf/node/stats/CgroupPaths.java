package io.wharf.node.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a container's cgroup files are, on cgroup v1 (one hierarchy per controller, possibly
 * co-mounted such as {@code cpu,cpuacct}) or v2 (one unified tree, also at {@code unified/} on
 * hybrid hosts). Read from {@code /proc/<pid>/cgroup} of the container's init process; when that
 * is gone, from Wharf's own layout ({@code /wharf/<id>}).
 */
public final class CgroupPaths {
  private final Path root;
  private final Map<String, String> v1;
  private final String v2;

  CgroupPaths(Path root, Map<String, String> v1, String v2) {
    this.root = root;
    this.v1 = v1;
    this.v2 = v2;
  }

  /** Blocks (reads /proc). */
  public static CgroupPaths forContainer(String id, int pid) {
    Path sys = Path.of("/sys/fs/cgroup");
    if (pid > 0) {
      try {
        return parse(sys, Files.readString(Path.of("/proc", Integer.toString(pid), "cgroup")));
      } catch (IOException e) {
        // the process is gone: fall back to the layout OciSpecBuilder asks runc for
      }
    }
    Map<String, String> v1 = new HashMap<>();
    for (String c : List.of("cpu", "cpuacct", "memory", "pids", "blkio", "freezer")) {
      v1.put(c, "/wharf/" + id);
    }
    return new CgroupPaths(sys, v1, "/wharf/" + id);
  }

  /** No cgroup at all: a stopped container's stats read as zeros. */
  public static CgroupPaths none() {
    return new CgroupPaths(Path.of("/nonexistent"), Map.of(), null);
  }

  /** Parses {@code /proc/<pid>/cgroup} ("hierarchy:controllers:path" lines). Pure. */
  static CgroupPaths parse(Path root, String procCgroup) {
    Map<String, String> v1 = new HashMap<>();
    String v2 = null;
    for (String line : procCgroup.split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length != 3) {
        continue;
      }
      if (f[1].isEmpty()) {
        v2 = f[2];
        continue;
      }
      for (String controller : f[1].split(",")) {
        v1.put(controller, f[2]);
        v1.putIfAbsent(f[1], f[2]);
      }
    }
    return new CgroupPaths(root, v1, v2);
  }

  /** The v1 directory of {@code controller}, if that hierarchy is mounted and has it. */
  public Optional<Path> v1(String controller) {
    String path = v1.get(controller);
    if (path == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> e : v1.entrySet()) {
      if (e.getValue().equals(path) && e.getKey().contains(",") && List.of(e.getKey().split(",")).contains(controller)) {
        Path joined = root.resolve(e.getKey()).resolve(strip(path));
        if (Files.isDirectory(joined)) {
          return Optional.of(joined);
        }
      }
    }
    Path dir = root.resolve(controller).resolve(strip(path));
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** The v2 directory, if the container has one with controllers in it. */
  public Optional<Path> v2() {
    if (v2 == null) {
      return Optional.empty();
    }
    for (Path base : List.of(root, root.resolve("unified"))) {
      Path dir = base.resolve(strip(v2));
      if (Files.isRegularFile(base.resolve("cgroup.controllers")) && Files.isDirectory(dir) && !v2.equals("/")) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The pids of every process in the container: the first cgroup.procs found. Blocks. */
  public List<Integer> pids() {
    for (String c : List.of("pids", "memory", "cpu", "freezer")) {
      Optional<Path> dir = v1(c);
      if (dir.isPresent()) {
        return procs(dir.get().resolve("cgroup.procs"));
      }
    }
    return v2().map(d -> procs(d.resolve("cgroup.procs"))).orElse(List.of());
  }

  private static List<Integer> procs(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    } catch (IOException | NumberFormatException e) {
      return List.of();
    }
  }

  private static String strip(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
