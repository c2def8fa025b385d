package io.wharf.node.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tolerant reads of cgroup files: a missing or odd file reads as 0 / empty (stats show "--"). */
final class CgroupFiles {
  private CgroupFiles() {}

  static long number(Path file) {
    try {
      String s = Files.readString(file).strip();
      return s.equals("max") ? Long.MAX_VALUE : Long.parseLong(s.split("\\s+")[0]);
    } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return 0;
    }
  }

  /** "key value" lines (memory.stat, cpu.stat, cpuacct.stat). */
  static Map<String, Long> keyValues(Path file) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : lines(file)) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2) {
        try {
          out.put(f[0], Long.parseLong(f[1]));
        } catch (NumberFormatException e) {
          // skip
        }
      }
    }
    return out;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
