package io.wharf.registry.distribution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with TOO_LARGE as soon as more than {@code limit} bytes have been read . */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  private void add(long n) {
    count += n;
    if (count > limit) {
      throw DistributionException.of(OciErrorCode.TOO_LARGE, "blob is larger than the limit of " + limit + " bytes");
    }
  }
}
