package io.wharf.registry.remote;

import java.io.IOException;
import java.io.InputStream;

/**
 * A blob download that survives broken connections: when a read fails, the stream is reopened
 * at the current offset (an HTTP Range request) and reading goes on, at most
 * {@link #MAX_RESUMES} times. The bytes delivered are exactly the blob's, so the digest computed
 * downstream still decides whether the result is right.
 */
final class ResumingInput extends InputStream {
  static final int MAX_RESUMES = 3;

  /** Opens the blob from {@code offset}; null when it cannot be resumed (no Range support). */
  interface Opener {
    InputStream open(long offset) throws IOException;
  }

  private final Opener opener;
  private InputStream in;
  private long offset;
  private int resumes;

  ResumingInput(InputStream first, Opener opener) {
    this.in = first;
    this.opener = opener;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    while (true) {
      try {
        int n = in.read(buf, off, len);
        if (n > 0) {
          offset += n;
        }
        return n;
      } catch (IOException e) {
        if (resumes >= MAX_RESUMES) {
          throw e;
        }
        resumes++;
        closeQuietly();
        InputStream next = opener.open(offset);
        if (next == null) {
          throw e;
        }
        in = next;
      }
    }
  }

  int resumes() {
    return resumes;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException ignored) {
      // the broken connection is being replaced
    }
  }
}
