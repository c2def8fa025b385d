package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;

/**
 * mknod(2) for character and block devices and FIFOs. An overlay whiteout is a character device
 * 0/0 ({@link #whiteout}). The process umask applies to the permission bits, so callers that care
 * about exact modes chmod afterwards. Every method blocks and throws {@link NativeException}.
 */
public final class DeviceNodes {
  public static final int S_IFIFO = 0010000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFBLK = 0060000;

  /** mknod(2): {@code mode} is the file type ({@code S_IF*}) or'ed with permission bits. */
  public void mknod(String path, int mode, long dev) {
    try {
      LibC.INSTANCE.mknod(path, mode, dev);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "mknod", path);
    }
  }

  /** An overlay whiteout: character device 0/0. */
  public void whiteout(String path) {
    mknod(path, S_IFCHR, 0);
  }

  /** glibc's makedev(3) encoding of a device number. */
  public static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32)
        | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12)
        | (minor & 0xffL);
  }
}
