package io.wharf.node.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Recognizes a layer blob's compression by its magic bytes (not by media type, which registries
 * and {@code docker save} get wrong often enough) and returns the uncompressed tar stream.
 */
final class LayerStreams {
  private static final int BUFFER = 64 * 1024;

  enum Compression { NONE, GZIP, ZSTD }

  private LayerStreams() {}

  /** The uncompressed stream; closing it closes {@code blob}. Blocking reads. */
  static InputStream decompress(InputStream blob) throws IOException {
    BufferedInputStream in = new BufferedInputStream(blob, BUFFER);
    switch (detect(in)) {
      case GZIP:
        return new GZIPInputStream(in, BUFFER);
      case ZSTD:
        return new BufferedInputStream(new ZstdCompressorInputStream(in), BUFFER);
      default:
        return in;
    }
  }

  /** Peeks at the first four bytes of a mark-supporting stream; the stream is left unread. */
  static Compression detect(InputStream in) throws IOException {
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
      return Compression.ZSTD;
    }
    return Compression.NONE;
  }
}
