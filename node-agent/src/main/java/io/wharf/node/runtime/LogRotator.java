package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import io.wharf.api.container.LogRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * json-file style rotation of a container's CRI log: once {@code ctr.log} reaches max-size it
 * becomes {@code ctr.log.1}, older files shift up ({@code .1} -> {@code .2} ...), files past
 * max-file are deleted, and conmon is told to reopen {@code ctr.log}. With max-file 1 the old
 * content is dropped, as Docker does. Blocks (file operations).
 */
public final class LogRotator {
  private LogRotator() {}

  /** Rotates when due. Returns whether it rotated. {@code reopen} asks conmon to reopen the log. */
  public static boolean rotateIfDue(Path log, LogRotation rotation, Runnable reopen) {
    if (rotation.maxSize() <= 0) {
      return false;
    }
    try {
      if (!Files.exists(log) || Files.size(log) < rotation.maxSize()) {
        return false;
      }
      int keep = Math.max(1, rotation.maxFiles() - 1);
      Files.deleteIfExists(rotated(log, keep));
      for (int n = keep - 1; n >= 1; n--) {
        if (Files.exists(rotated(log, n))) {
          Files.move(rotated(log, n), rotated(log, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(log, rotated(log, 1), StandardCopyOption.REPLACE_EXISTING);
      reopen.run();
      if (rotation.maxFiles() <= 1) {
        Files.deleteIfExists(rotated(log, 1));
      }
      return true;
    } catch (IOException e) {
      throw WharfException.internal("cannot rotate " + log + ": " + e.getMessage(), e);
    }
  }

  /** {@code ctr.log.n}. */
  public static Path rotated(Path log, int n) {
    return log.resolveSibling(log.getFileName() + "." + n);
  }

  /** The rotated files that exist, oldest first ({@code ctr.log.N} .. {@code ctr.log.1}). */
  public static List<Path> rotatedOldestFirst(Path log) {
    List<Path> newestFirst = new ArrayList<>();
    for (int n = 1; Files.exists(rotated(log, n)); n++) {
      newestFirst.add(rotated(log, n));
    }
    List<Path> out = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      out.add(newestFirst.get(i));
    }
    return out;
  }
}
