package io.wharf.launcher;

import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file (FileChannel.tryLock, an OS lock the kernel drops when the process
 * dies, so a crashed daemon never leaves a stale lock). The holder's PID is written into the file
 * so that the next daemon can say who holds it. Blocking (file I/O): call before Vert.x starts.
 */
public final class InstanceLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails at once.
   *
   * @param what what the lock protects, for the message, e.g. "data root /var/lib/wharf"
   * @throws WharfException FAILED_PRECONDITION when another process holds it, INTERNAL when the
   *     file cannot be opened
   */
  public static InstanceLock acquire(Path file, String what) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw WharfException.precondition("another wharf daemon" + holder + " is using " + what
            + " (lock " + file + " is held): stop it first, or give this daemon its own --data-root, "
            + "--run-dir and --socket");
      }
      writePid(channel);
      return new InstanceLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw WharfException.internal("cannot lock " + file + " for " + what + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very JVM
    }
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void writePid(FileChannel channel) throws IOException {
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }

  /** Releases the lock; the file stays (deleting it would race a starting daemon). */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases it anyway
    }
    closeQuietly(channel);
  }
}
