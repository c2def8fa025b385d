package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * utimensat(2) with AT_SYMLINK_NOFOLLOW: sets the times of the named file itself, whatever it is.
 * Java's NOFOLLOW setTimes opens the file first, which blocks forever on a FIFO and fails on a device
 * node without a driver; this never opens anything. Blocking; throws {@link NativeException}.
 */
public final class FileTimes {
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  /** Sets access and modification time of {@code path} (not of a symlink's target). */
  public void set(String path, FileTime atime, FileTime mtime) {
    Instant a = atime.toInstant();
    Instant m = mtime.toInstant();
    long[] times = {a.getEpochSecond(), a.getNano(), m.getEpochSecond(), m.getNano()};
    try {
      LibC.INSTANCE.utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "utimensat", path);
    }
  }
}
