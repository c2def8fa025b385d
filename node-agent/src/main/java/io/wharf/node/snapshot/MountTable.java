package io.wharf.node.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the calling process's mount table, {@code /proc/self/mountinfo}. Blocking. */
final class MountTable {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private MountTable() {}

  /** Whether something is mounted exactly at {@code path} (compared as given and as its real path). */
  static boolean isMountPoint(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path real = absolute;
    try {
      real = absolute.toRealPath();
    } catch (IOException e) {
      // a missing mountpoint is simply not mounted; keep comparing the absolute form
    }
    List<String> points = mountPoints();
    return points.contains(absolute.toString()) || points.contains(real.toString());
  }

  static List<String> mountPoints() {
    try {
      return parseMountPoints(Files.readAllLines(MOUNTINFO));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mount point column (5th) of each mountinfo line, with octal escapes such as {@code \040} decoded. */
  static List<String> parseMountPoints(List<String> lines) {
    List<String> points = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.split(" ");
      if (fields.length > 4) {
        points.add(unescape(fields[4]));
      }
    }
    return points;
  }

  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
