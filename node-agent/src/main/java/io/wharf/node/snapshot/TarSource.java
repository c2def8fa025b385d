package io.wharf.node.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks every failure while reading the layer stream as a {@link BadLayer}, so the unpacker can tell
 * a corrupt or truncated layer (the caller's input: INVALID_ARGUMENT) from a failure writing to disk
 * (INTERNAL).
 */
final class TarSource extends FilterInputStream {
  /** An I/O failure of the layer stream itself. */
  static final class BadLayer extends IOException {
    BadLayer(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  TarSource(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw new BadLayer(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw new BadLayer(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException e) {
      throw new BadLayer(e);
    }
  }
}
