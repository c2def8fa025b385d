package io.wharf.node.snapshot;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a file or a whole tree without ever following a symlink (a link is removed, never its
 * target). Directories without write or search permission (overlay leaves {@code work/work} at mode
 * 000) are opened up before their contents are deleted. Blocking.
 */
final class TreeRemoval {
  private TreeRemoval() {}

  /** Removes {@code path} and everything under it; nothing there is success. */
  static void removeIfPresent(Path path) throws IOException {
    BasicFileAttributes attrs = ConfinedRoot.lstat(path);
    if (attrs == null) {
      return;
    }
    if (!attrs.isDirectory()) {
      Files.delete(path);
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
        Files.setAttribute(dir, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
