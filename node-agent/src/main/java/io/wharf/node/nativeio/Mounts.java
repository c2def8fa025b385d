package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.util.List;

/**
 * mount(2), umount2(2) and the new mount API (fsopen, fsconfig, fsmount, move_mount; kernel 5.2+,
 * overlay's {@code lowerdir+} needs 6.8+). Every method blocks and throws {@link NativeException}.
 *
 * <p>The new mount API exists because legacy mount(2) options are capped at one page: an overlay with
 * about 45 long lower paths no longer fits, and the kernel then fails with a misleading errno
 * (ELOOP or ENOENT on the truncated path). With fsconfig each parameter is passed separately.
 */
public final class Mounts {
  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1L << 18;
  public static final int MNT_FORCE = 1;
  /** Lazy unmount: detach now, clean up when the last user goes away. */
  public static final int MNT_DETACH = 2;

  private static final long SYS_MOVE_MOUNT = 429;
  private static final long SYS_FSOPEN = 430;
  private static final long SYS_FSCONFIG = 431;
  private static final long SYS_FSMOUNT = 432;
  private static final long FSOPEN_CLOEXEC = 1;
  private static final long FSMOUNT_CLOEXEC = 1;
  private static final long FSCONFIG_SET_STRING = 1;
  private static final long FSCONFIG_CMD_CREATE = 6;
  private static final long MOVE_MOUNT_F_EMPTY_PATH = 4;
  private static final long AT_FDCWD = -100;

  /** One fsconfig(FSCONFIG_SET_STRING) parameter, e.g. {@code ("lowerdir+", "/var/lib/wharf/layers/ab")}. */
  public record FsParam(String key, String value) {}

  /** mount(2). {@code data} may be null. */
  public void mount(String source, String target, String fstype, long flags, String data) {
    try {
      LibC.INSTANCE.mount(source, target, fstype, new NativeLong(flags), data);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "mount", target);
    }
  }

  /** umount2(2); flags 0 or {@link #MNT_DETACH}. Not mounted gives EINVAL. */
  public void umount2(String target, int flags) {
    try {
      LibC.INSTANCE.umount2(target, flags);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "umount2", target);
    }
  }

  /**
   * Mounts a new filesystem of {@code fsType} on {@code target} through the new mount API: fsopen,
   * one fsconfig(SET_STRING) per parameter in order, fsconfig(CMD_CREATE), fsmount, move_mount.
   * On failure the kernel's own explanation (read from the fs context) is put in the message.
   */
  public void mountWithFsContext(String fsType, List<FsParam> params, String target) {
    int fsFd = openFsContext(fsType, target);
    try {
      for (FsParam p : params) {
        configure(fsFd, FSCONFIG_SET_STRING, p.key(), p.value(), target);
      }
      configure(fsFd, FSCONFIG_CMD_CREATE, null, null, target);
      int mountFd = (int) syscall("fsmount", target, fsFd, SYS_FSMOUNT, (long) fsFd, FSMOUNT_CLOEXEC, 0L);
      try {
        moveMount(mountFd, target);
      } finally {
        closeQuietly(mountFd);
      }
    } finally {
      closeQuietly(fsFd);
    }
  }

  private int openFsContext(String fsType, String target) {
    try (CStrings s = new CStrings()) {
      return (int) syscall("fsopen", target, -1, SYS_FSOPEN, s.address(fsType), FSOPEN_CLOEXEC);
    }
  }

  private void configure(int fsFd, long cmd, String key, String value, String target) {
    try (CStrings s = new CStrings()) {
      long k = key == null ? 0L : s.address(key);
      long v = value == null ? 0L : s.address(value);
      String call = key == null ? "fsconfig(CMD_CREATE)" : "fsconfig(" + key + ")";
      syscall(call, target, fsFd, SYS_FSCONFIG, (long) fsFd, cmd, k, v, 0L);
    }
  }

  private void moveMount(int mountFd, String target) {
    try (CStrings s = new CStrings()) {
      syscall("move_mount", target, -1, SYS_MOVE_MOUNT, (long) mountFd, s.address(""), AT_FDCWD,
          s.address(target), MOVE_MOUNT_F_EMPTY_PATH);
    }
  }

  /** Calls syscall(2); on failure includes the fs context's log (when {@code logFd >= 0}). */
  private static long syscall(String call, String path, int logFd, long number, Object... args) {
    try {
      return LibC.INSTANCE.syscall(number, args);
    } catch (LastErrorException e) {
      String detail = Errno.describe(e.getErrorCode());
      String log = logFd >= 0 ? FsContextLog.drain(logFd) : "";
      throw new NativeException(e.getErrorCode(), call, path, log.isEmpty() ? detail : detail + ": " + log);
    }
  }

  private static void closeQuietly(int fd) {
    try {
      LibC.INSTANCE.close(fd);
    } catch (LastErrorException ignored) {
      // nothing useful to do: the fd is gone either way
    }
  }
}
