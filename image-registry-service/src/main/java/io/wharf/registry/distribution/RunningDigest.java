package io.wharf.registry.distribution;

import io.wharf.registry.store.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The sha256 of an upload's data file, kept up to date while chunks arrive so that finishing a
 * large upload needs no second read. After a restart (or a cut-off chunk) the state no longer
 * matches the file and the file is hashed again from the start. Not thread-safe: the upload
 * session's lock serializes its use. Blocking.
 */
final class RunningDigest {
  private static final int BUFFER = 256 * 1024;
  private MessageDigest sha = Digests.newSha256();
  private long hashed;

  /** Writes {@code in} at {@code offset} of {@code data}, hashing it; returns the bytes written. */
  long append(Path data, long offset, InputStream in) throws IOException {
    catchUp(data, offset);
    long written = 0;
    byte[] buf = new byte[BUFFER];
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.position(offset);
      for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
        sha.update(buf, 0, n);
        written += n;
        hashed += n;
        if ((offset + written) / FlushBehind.EVERY_BYTES != (offset + written - n) / FlushBehind.EVERY_BYTES) {
          FlushBehind.request(data);
        }
      }
    }
    return written;
  }

  /** Cuts {@code data} back to {@code offset} (a failed chunk); the hash state is rebuilt later. */
  void truncate(Path data, long offset) {
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.truncate(offset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot truncate " + data, e);
    }
    sha = Digests.newSha256();
    hashed = 0;
  }

  /** fsyncs {@code data} and returns the digest of its whole content. */
  String finish(Path data) {
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.force(true);
      catchUp(data, ch.size());
      return Digests.format(((MessageDigest) sha.clone()).digest());
    } catch (IOException | CloneNotSupportedException e) {
      throw new IllegalStateException("cannot hash " + data, e);
    }
  }

  private void catchUp(Path data, long offset) throws IOException {
    if (hashed == offset) {
      return;
    }
    sha = Digests.newSha256();
    hashed = 0;
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(data)) {
      while (hashed < offset) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, offset - hashed));
        if (n < 0) {
          throw new IOException("upload data " + data + " is shorter than its offset " + offset);
        }
        sha.update(buf, 0, n);
        hashed += n;
      }
    }
  }
}
