package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The libc entry points this package binds. Package-private: callers use the typed wrappers
 * ({@link Mounts}, {@link Xattrs}, {@link DeviceNodes}), which turn {@link LastErrorException} into
 * {@link NativeException}. Every call blocks the calling thread.
 */
interface LibC extends Library {
  LibC INSTANCE = Native.load("c", LibC.class);

  int mount(String source, String target, String fstype, NativeLong flags, String data)
      throws LastErrorException;

  int umount2(String target, int flags) throws LastErrorException;

  int mknod(String path, int mode, long dev) throws LastErrorException;

  int lsetxattr(String path, String name, byte[] value, NativeLong size, int flags)
      throws LastErrorException;

  NativeLong lgetxattr(String path, String name, byte[] value, NativeLong size)
      throws LastErrorException;

  NativeLong llistxattr(String path, byte[] list, NativeLong size) throws LastErrorException;

  /** times: {atime.tv_sec, atime.tv_nsec, mtime.tv_sec, mtime.tv_nsec} (two struct timespec). */
  int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

  NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

  int open(String path, int flags) throws LastErrorException;

  int syncfs(int fd) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  String strerror(int errnum);

  /** Raw syscall(2). Pass every vararg as a Java long (pointers as their address). */
  long syscall(long number, Object... args) throws LastErrorException;
}
