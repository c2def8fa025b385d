package io.wharf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one daemon's containers hold on the host, for crash and soak tests: mounts under its run and
 * data dirs, cgroups {@code /sys/fs/cgroup/.../wharf/<id>}, named netns and conmon processes. The
 * check: a container that does not run holds none of them; nothing is held by an unknown id.
 */
final class HostLeaks {
  private final List<Path> roots;

  HostLeaks(Path... roots) {
    this.roots = List.of(roots);
  }

  /** Everything held for containers other than {@code running}; empty when nothing leaked. */
  List<String> leaks(Collection<String> knownIds, Collection<String> running) throws IOException {
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (roots.stream().anyMatch(r -> line.contains(r.toString()))
          && running.stream().noneMatch(id -> line.contains(shortId(id)))) {
        found.add("mount: " + line);
      }
    }
    for (String id : knownIds) {
      if (!running.contains(id)) {
        found.addAll(cgroups(id));
        for (String ns : List.of(id, shortId(id))) {
          if (Files.exists(Path.of("/var/run/netns", ns))) {
            found.add("netns: " + ns);
          }
        }
      }
    }
    for (String conmon : conmons()) {
      if (running.stream().noneMatch(id -> conmon.contains(" -c " + id + " ")) || conmon.contains(" --exec ")) {
        found.add("conmon: " + conmon);
      }
    }
    return found;
  }

  /** conmon processes working for this daemon (their command line names one of its dirs). */
  List<String> conmons() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String cmd;
        try {
          cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
          continue;
        }
        if (cmd.contains("conmon") && !cmd.startsWith("/bin/sh") && roots.stream().anyMatch(r -> cmd.contains(r.toString()))) {
          found.add(name + ": " + cmd);
        }
      }
    }
    return found;
  }

  private static List<String> cgroups(String id) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> top = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path base : (Iterable<Path>) top::iterator) {
        for (Path c : List.of(base.resolve("wharf").resolve(id), Path.of("/sys/fs/cgroup/wharf", id))) {
          if (Files.isDirectory(c)) {
            found.add("cgroup: " + c);
          }
        }
      }
    }
    return found.stream().distinct().toList();
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
