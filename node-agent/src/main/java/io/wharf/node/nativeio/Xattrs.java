package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extended attributes in any namespace ({@code trusted.*}, {@code security.*}, {@code user.*}),
 * never following a final symlink (the l* calls). Java's own xattr view only reaches {@code user.*},
 * which is why overlay's {@code trusted.overlay.opaque} and {@code security.capability} need these.
 * Every method blocks and throws {@link NativeException}.
 */
public final class Xattrs {
  private static final int MAX_VALUE = 64 * 1024;

  /** lsetxattr(2) with flags 0 (create or replace). */
  public void set(String path, String name, byte[] value) {
    try {
      LibC.INSTANCE.lsetxattr(path, name, value, new NativeLong(value.length), 0);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "lsetxattr(" + name + ")", path);
    }
  }

  /** lgetxattr(2); empty when the attribute does not exist (ENODATA). */
  public Optional<byte[]> get(String path, String name) {
    byte[] buffer = new byte[MAX_VALUE];
    try {
      long n = LibC.INSTANCE.lgetxattr(path, name, buffer, new NativeLong(buffer.length)).longValue();
      byte[] value = new byte[(int) n];
      System.arraycopy(buffer, 0, value, 0, (int) n);
      return Optional.of(value);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == Errno.ENODATA) {
        return Optional.empty();
      }
      throw new NativeException(e.getErrorCode(), "lgetxattr(" + name + ")", path);
    }
  }

  /** llistxattr(2): the names of every attribute the caller may see. */
  public List<String> list(String path) {
    byte[] buffer = new byte[MAX_VALUE];
    long n;
    try {
      n = LibC.INSTANCE.llistxattr(path, buffer, new NativeLong(buffer.length)).longValue();
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "llistxattr", path);
    }
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (buffer[i] == 0) {
        names.add(new String(buffer, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return names;
  }
}
