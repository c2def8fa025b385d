package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;

/**
 * syncfs(2): writes every dirty page of the filesystem holding a path to disk. One call makes a whole
 * freshly written tree durable, which is far cheaper than an fsync per file. Blocking (can take a
 * while on a busy filesystem); throws {@link NativeException}.
 */
public final class FileSystemSync {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 02000000;

  /** Flushes the filesystem that contains {@code path} (a file or directory). */
  public void syncFilesystemOf(String path) {
    int fd;
    try {
      fd = LibC.INSTANCE.open(path, O_RDONLY | O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "open", path);
    }
    try {
      LibC.INSTANCE.syncfs(fd);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "syncfs", path);
    } finally {
      LibC.INSTANCE.close(fd);
    }
  }
}
