package io.wharf.node.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/** Sums file sizes under a directory without following symlinks. Blocking. */
public final class DiskUsage {
  private DiskUsage() {}

  /** Apparent bytes of the regular files under {@code dir}, each inode once; 0 when {@code dir} is absent. */
  public static long regularFileBytes(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    Set<Object> seen = new HashSet<>();
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
          if (a.isRegularFile() && (a.fileKey() == null || seen.add(a.fileKey()))) {
            total[0] += a.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total[0];
  }
}
