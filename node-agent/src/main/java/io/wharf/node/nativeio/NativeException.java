package io.wharf.node.nativeio;

/**
 * A failed system call: the errno, the call's name and the path it acted on. The message reads like
 * {@code "mount /run/wharf/c/3f2a/rootfs: No such file or directory (errno 2)"}.
 *
 * <p>This package knows nothing of Wharf's error categories; callers in the domain packages turn a
 * NativeException into a {@code WharfException} where the user should see it.
 */
public final class NativeException extends RuntimeException {
  private final int errno;
  private final String call;
  private final String path;

  public NativeException(int errno, String call, String path, String detail) {
    super(call + " " + path + ": " + detail + " (errno " + errno + ")");
    this.errno = errno;
    this.call = call;
    this.path = path;
  }

  public NativeException(int errno, String call, String path) {
    this(errno, call, path, Errno.describe(errno));
  }

  public int errno() {
    return errno;
  }

  public String call() {
    return call;
  }

  public String path() {
    return path;
  }

  public boolean is(int expectedErrno) {
    return errno == expectedErrno;
  }
}
