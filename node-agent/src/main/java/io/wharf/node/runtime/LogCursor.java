package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A position in a log file that may be rotated (renamed and recreated) or truncated while read:
 * hands out complete lines only, keeps a torn last line for the next read, and moves to the new
 * file once the old one is read to its end. Not thread-safe; blocks on file reads.
 */
final class LogCursor implements AutoCloseable {
  private static final int CHUNK = 64 * 1024;

  /** Receives one line without its '\n'; the array is only valid during the call. */
  interface LineSink {
    void accept(byte[] buf, int off, int len);
  }

  private final Path file;
  private final ByteArrayOutputStream carry = new ByteArrayOutputStream();
  private final ByteBuffer buf = ByteBuffer.allocate(CHUNK);
  private FileChannel channel;
  private Object fileKey;
  private long offset;

  LogCursor(Path file) {
    this.file = file;
    open();
  }

  /** Reads every complete line now available. Returns whether any byte was read. */
  boolean readLines(LineSink sink) {
    try {
      boolean progressed = drain(sink);
      if (channel == null || replaced()) {
        close();
        open();
        progressed |= drain(sink);
      }
      return progressed;
    } catch (IOException e) {
      throw WharfException.internal("cannot read log " + file + ": " + e.getMessage(), e);
    }
  }

  private boolean drain(LineSink sink) throws IOException {
    if (channel == null) {
      return false;
    }
    long start = offset;
    int n;
    while ((n = channel.read(buf.clear(), offset)) > 0) {
      offset += n;
      byte[] a = buf.array();
      int lineStart = 0;
      for (int i = 0; i < n; i++) {
        if (a[i] == '\n') {
          if (carry.size() > 0) {
            carry.write(a, lineStart, i - lineStart);
            byte[] line = carry.toByteArray();
            carry.reset();
            sink.accept(line, 0, line.length);
          } else {
            sink.accept(a, lineStart, i - lineStart);
          }
          lineStart = i + 1;
        }
      }
      carry.write(a, lineStart, n - lineStart);
    }
    return offset != start;
  }

  /** True when the path now names another file (rotation) or ours shrank (truncation). */
  private boolean replaced() throws IOException {
    try {
      Object now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return channel.size() < offset || !now.equals(fileKey);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private void open() {
    carry.reset();
    offset = 0;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      channel = null;
    } catch (IOException e) {
      throw WharfException.internal("cannot open log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // read-only channel: nothing is lost
      }
      channel = null;
    }
  }
}
