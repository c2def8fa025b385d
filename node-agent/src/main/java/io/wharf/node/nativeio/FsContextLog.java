package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the messages the kernel queues on an fsopen(2) context fd ("e overlay: ..." lines): they say
 * why an fsconfig failed, which the errno alone does not. Reading ends with ENODATA. Not every
 * filesystem logs there: overlay (kernel 6.18) still writes its reasons to the kernel log (dmesg).
 */
final class FsContextLog {
  private static final int MAX_MESSAGES = 16;

  private FsContextLog() {}

  static String drain(int fsFd) {
    List<String> lines = new ArrayList<>();
    byte[] buffer = new byte[1024];
    for (int i = 0; i < MAX_MESSAGES; i++) {
      long n;
      try {
        n = LibC.INSTANCE.read(fsFd, buffer, new NativeLong(buffer.length)).longValue();
      } catch (LastErrorException e) {
        break;
      }
      if (n <= 0) {
        break;
      }
      lines.add(new String(buffer, 0, (int) n, StandardCharsets.UTF_8).trim());
    }
    return String.join("; ", lines);
  }
}
