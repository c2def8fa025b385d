package io.wharf.node.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Recovers the exact bytes of {@code SCHILY.xattr.*} PAX records. commons-compress decodes every PAX
 * value as UTF-8, which garbles binary values such as most {@code security.capability} sets (a byte
 * 0x80 becomes U+FFFD). This stream records the raw bytes the tar reader consumes while it reads one
 * entry's headers; {@link #xattrs} then finds each record ({@code "<len> SCHILY.xattr.<name>=<value>\n"})
 * in them and takes the value by its byte length. A record that cannot be found (say, from a global
 * header read earlier) falls back to the decoded string.
 */
final class PaxXattrs extends FilterInputStream {
  private static final String PREFIX = "SCHILY.xattr.";
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private boolean capturing;

  PaxXattrs(InputStream in) {
    super(in);
  }

  /** Call right before the tar reader's getNextEntry. */
  void startHeaders() {
    captured.reset();
    capturing = true;
  }

  /** Call right after getNextEntry returns: entry content is not recorded. */
  void endHeaders() {
    capturing = false;
  }

  /** The xattrs of {@code entry} (just returned by getNextEntry), name without prefix -> raw value. */
  Map<String, byte[]> xattrs(TarArchiveEntry entry) {
    byte[] raw = captured.toByteArray();
    Map<String, byte[]> result = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : entry.getExtraPaxHeaders().entrySet()) {
      if (h.getKey().startsWith(PREFIX)) {
        byte[] exact = rawValue(raw, h.getKey());
        result.put(h.getKey().substring(PREFIX.length()),
            exact != null ? exact : h.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return result;
  }

  /** The value of the last well-formed record for {@code key} in {@code raw}, or null. */
  static byte[] rawValue(byte[] raw, String key) {
    byte[] marker = (" " + key + "=").getBytes(StandardCharsets.UTF_8);
    for (int at = lastIndexOf(raw, marker, raw.length - marker.length); at > 0;
        at = lastIndexOf(raw, marker, at - 1)) {
      int start = at;
      while (start > 0 && raw[start - 1] >= '0' && raw[start - 1] <= '9' && at - start < 10) {
        start--;
      }
      if (start == at) {
        continue;
      }
      int length = Integer.parseInt(new String(raw, start, at - start, StandardCharsets.US_ASCII));
      int valueStart = at + marker.length;
      int end = start + length - 1;
      if (end >= valueStart && end < raw.length && raw[end] == '\n') {
        byte[] value = new byte[end - valueStart];
        System.arraycopy(raw, valueStart, value, 0, value.length);
        return value;
      }
    }
    return null;
  }

  private static int lastIndexOf(byte[] haystack, byte[] needle, int from) {
    for (int i = Math.min(from, haystack.length - needle.length); i >= 0; i--) {
      int j = 0;
      while (j < needle.length && haystack[i + j] == needle[j]) {
        j++;
      }
      if (j == needle.length) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (capturing && b >= 0) {
      captured.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (capturing && n > 0) {
      captured.write(b, off, n);
    }
    return n;
  }
}
