package io.wharf.node.nativeio;

/** The errno values callers test for (Linux, x86_64) and their text from strerror(3). */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EBADF = 9;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int ERANGE = 34;
  public static final int ENOSYS = 38;
  public static final int ELOOP = 40;
  /** No such attribute (lgetxattr). */
  public static final int ENODATA = 61;
  public static final int EOPNOTSUPP = 95;

  private Errno() {}

  /** strerror(3) text, e.g. "No such file or directory". */
  public static String describe(int errno) {
    try {
      return LibC.INSTANCE.strerror(errno);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return "errno " + errno;
    }
  }
}
