package io.wharf.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a test's scratch tree, but never through a mount a daemon may have left behind. */
final class ScratchDirs {
  private ScratchDirs() {}

  static void deleteUnlessMounted(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    String prefix = dir.toAbsolutePath() + "/";
    boolean mounted;
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
      mounted = lines.map(l -> l.split(" ")[4]).anyMatch(m -> m.startsWith(prefix));
    }
    if (mounted) {
      System.err.println("leaving " + dir + " in place: something under it is still mounted");
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
