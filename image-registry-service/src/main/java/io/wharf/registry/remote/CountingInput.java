package io.wharf.registry.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Counts the bytes read through it and reports the running total at most every
 * {@link #REPORT_EVERY} bytes and once more at the end (the "Downloading" lines of a pull: a 200 MB layer gives ~200 lines,
 * not one per read).
 */
final class CountingInput extends FilterInputStream {
  static final long REPORT_EVERY = 1024 * 1024;

  private final LongConsumer report;
  private long count;
  private long reported;

  CountingInput(InputStream in, LongConsumer report) {
    super(in);
    this.report = report;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      advance(n);
    } else if (n < 0 && count > reported) {
      reported = count;
      report.accept(count); // the end: the last line shows the whole size
    }
    return n;
  }

  private void advance(long n) {
    count += n;
    if (count - reported >= REPORT_EVERY) {
      reported = count;
      report.accept(count);
    }
  }
}
