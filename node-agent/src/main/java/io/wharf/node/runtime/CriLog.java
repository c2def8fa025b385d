package io.wharf.node.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CRI "k8s-file" log format conmon writes, one record per line:
 * {@code <RFC3339Nano with offset> stdout|stderr F|P <text>}. {@code P} pieces carry no newline
 * and belong to the next {@code F} of the same stream; this joins them (pure, no I/O). Lines that
 * do not parse are skipped.
 */
public final class CriLog {
  /** One parsed line. */
  public record Line(String stream, long timeNanos, boolean partial, byte[] text) {}

  private final Map<String, Pending> pending = new HashMap<>();
  private final Consumer<LogRecord> out;

  private static final class Pending {
    final long timeNanos;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Pending(long timeNanos) {
      this.timeNanos = timeNanos;
    }
  }

  /** Records are handed to {@code out} as soon as they are complete. */
  public CriLog(Consumer<LogRecord> out) {
    this.out = out;
  }

  /** Parses one line (without its '\n'); null when it is not a CRI log line. */
  public static Line parse(byte[] buf, int off, int len) {
    int end = off + len;
    int s1 = indexOf(buf, off, end, (byte) ' ');
    int s2 = s1 < 0 ? -1 : indexOf(buf, s1 + 1, end, (byte) ' ');
    if (s2 < 0) {
      return null;
    }
    int s3 = indexOf(buf, s2 + 1, end, (byte) ' ');
    int tagEnd = s3 < 0 ? end : s3;
    String stream = new String(buf, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
    String tag = new String(buf, s2 + 1, tagEnd - s2 - 1, StandardCharsets.US_ASCII);
    if (!(stream.equals("stdout") || stream.equals("stderr")) || !(tag.equals("F") || tag.equals("P"))) {
      return null;
    }
    long nanos;
    try {
      nanos = toNanos(OffsetDateTime.parse(new String(buf, off, s1 - off, StandardCharsets.US_ASCII)));
    } catch (DateTimeParseException e) {
      return null;
    }
    byte[] text = new byte[s3 < 0 ? 0 : end - s3 - 1];
    if (s3 >= 0) {
      System.arraycopy(buf, s3 + 1, text, 0, text.length);
    }
    return new Line(stream, nanos, tag.equals("P"), text);
  }

  /** Feeds one raw line (without '\n'). Emits a record when the line completes one. */
  public void accept(byte[] buf, int off, int len) {
    Line line = parse(buf, off, len);
    if (line == null) {
      return;
    }
    Pending p = pending.get(line.stream());
    if (line.partial()) {
      if (p == null) {
        p = new Pending(line.timeNanos());
        pending.put(line.stream(), p);
      }
      p.bytes.writeBytes(line.text());
      return;
    }
    long time = line.timeNanos();
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    if (p != null) {
      pending.remove(line.stream());
      time = p.timeNanos;
      joined.writeBytes(p.bytes.toByteArray());
    }
    joined.writeBytes(line.text());
    joined.write('\n');
    out.accept(new LogRecord(line.stream(), time, joined.toByteArray()));
  }

  /** Emits pending partial pieces as records without a newline (end of a log that will not grow). */
  public void flushPartials() {
    pending.entrySet().stream()
        .sorted((a, b) -> Long.compare(a.getValue().timeNanos, b.getValue().timeNanos))
        .forEach(e -> out.accept(new LogRecord(e.getKey(), e.getValue().timeNanos, e.getValue().bytes.toByteArray())));
    pending.clear();
  }

  static long toNanos(OffsetDateTime t) {
    return t.toEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static int indexOf(byte[] buf, int from, int end, byte b) {
    for (int i = from; i < end; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
