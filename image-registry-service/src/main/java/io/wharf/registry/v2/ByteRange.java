package io.wharf.registry.v2;

/** One HTTP byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) against a known size. Pure. */
final class ByteRange {
  private ByteRange() {}

  /**
   * {@code {first, last}} inclusive; an empty array when unsatisfiable; null when the header is
   * not a single byte range (then the whole body is sent, as HTTP allows).
   */
  static long[] parse(String header, long size) {
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.contains(",")) {
      return null;
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long n = Long.parseLong(b);
        return n <= 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - n), size - 1};
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (first >= size || first > last || first < 0) {
        return new long[0];
      }
      return new long[] {first, last};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * An upload's {@code Content-Range} ("a-b", or "bytes a-b/total"): {@code {a, b}}, or null
   * when absent; BLOB_UPLOAD_INVALID-worthy input gives an empty array.
   */
  static long[] contentRange(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    if (h.startsWith("bytes ")) {
      h = h.substring(6);
    }
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    int dash = h.indexOf('-');
    try {
      long a = Long.parseLong(h.substring(0, dash).trim());
      long b = Long.parseLong(h.substring(dash + 1).trim());
      return a < 0 || b < a ? new long[0] : new long[] {a, b};
    } catch (RuntimeException e) {
      return new long[0];
    }
  }
}
