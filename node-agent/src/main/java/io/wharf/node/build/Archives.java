package io.wharf.node.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * ADD's "local tar archive" test: a regular file that is a tar, plain or gzip/bzip2 compressed
 * (recognized by content, not by name, as Docker does), is extracted instead of copied.
 */
final class Archives {
  private Archives() {}

  static boolean isArchive(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (InputStream in = open(file)) {
      byte[] header = in.readNBytes(512);
      return header.length == 512 && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }

  /** The file's bytes, decompressed when gzip or bzip2. */
  static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    in.mark(3);
    byte[] magic = in.readNBytes(3);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(in, 64 * 1024);
    }
    if (magic.length == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
      return new BZip2CompressorInputStream(in);
    }
    return in;
  }
}
