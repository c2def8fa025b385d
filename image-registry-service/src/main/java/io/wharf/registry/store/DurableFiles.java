package io.wharf.registry.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Durable file operations. Every durable write is: write a temp file next to the target, fsync it,
 * rename it over the target, fsync the directory. Blocking: call from a worker thread.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Atomically replaces {@code target} with {@code data}. */
  public static void write(Path target, byte[] data) {
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".tmp-" + target.getFileName(), "");
      try {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(data));
          ch.force(true);
        }
        moveIntoPlace(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Atomically replaces {@code target} with {@code data} without fsync: readers see the old or
   * the new bytes, and the write survives a crash of the process (the page cache does), but a
   * power loss may undo it. For state that is cheap to lose (links that a manifest put restores,
   * upload session state).
   */
  public static void writeAtomic(Path target, byte[] data) {
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".tmp-" + target.getFileName(), "");
      try {
        Files.write(temp, data);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Renames a fully written and fsynced file onto {@code target}, then fsyncs the directory. */
  public static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + source + " to " + target + " atomically", e);
    }
    syncDirectory(target.getParent());
  }

  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Deletes a file or a whole tree; missing is fine. Never follows symlinks out of the tree. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(DurableFiles::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  public static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
