package io.wharf.registry.archive;

import io.wharf.api.WharfException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Recognizes gzip, bzip2, xz and zstd streams by their magic bytes and unwraps them; anything else
 * (a plain tar) passes through unchanged.
 */
public final class Decompression {
  private Decompression() {}

  private static final Set<String> SUPPORTED = Set.of(CompressorStreamFactory.GZIP,
      CompressorStreamFactory.BZIP2, CompressorStreamFactory.XZ, CompressorStreamFactory.ZSTANDARD);

  /** A stream of the uncompressed bytes of {@code raw}. Closing it closes {@code raw}. */
  public static InputStream uncompressed(InputStream raw) throws IOException {
    InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 64 * 1024);
    String format;
    try {
      format = CompressorStreamFactory.detect(in);
    } catch (CompressorException e) {
      return in; // not a known compressed format: a plain tar
    }
    if (!SUPPORTED.contains(format)) {
      return in; // a false match on a tar's first bytes, or a format layers never use
    }
    try {
      return new CompressorStreamFactory(true).createCompressorInputStream(format, in);
    } catch (CompressorException e) {
      throw WharfException.invalid("unsupported compression " + format + ": " + e.getMessage());
    }
  }

  /** True when the stream starts with the magic bytes of a compressed format. */
  public static boolean isCompressed(InputStream in) throws IOException {
    try (InputStream buffered = new BufferedInputStream(in, 64)) {
      return SUPPORTED.contains(CompressorStreamFactory.detect(buffered));
    } catch (CompressorException e) {
      return false;
    }
  }
}
