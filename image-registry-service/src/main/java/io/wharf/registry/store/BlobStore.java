package io.wharf.registry.store;

import io.wharf.registry.distribution.FlushBehind;
import io.wharf.api.WharfException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * Content-addressed blobs under blobs/sha256/. Lifecycle of a write:
 * <ol>
 *   <li>stage: copy the stream into a temp file under tmp/ while hashing, fsync it;</li>
 *   <li>verify: the digest must equal the expected one, when the caller knows it;</li>
 *   <li>commit: rename into blobs/sha256/&lt;hex&gt; and fsync the directory. A blob that already
 *       exists is success (same digest = same bytes) and the temp file is dropped.</li>
 * </ol>
 * Readers never see a partial blob. Blocking: call from a worker thread.
 */
public final class BlobStore {
  private static final int BUFFER = 64 * 1024;
  private final RegistryPaths paths;

  public BlobStore(RegistryPaths paths) {
    this.paths = paths;
    try {
      Files.createDirectories(paths.blobs());
      Files.createDirectories(paths.tmp());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + paths.root(), e);
    }
  }

  public RegistryPaths paths() {
    return paths;
  }

  /** Writes {@code in} (read to its end, not closed) into a new temp file in {@code dir}, hashing it. */
  public StagedBlob stage(InputStream in, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = Files.createTempFile(dir, "blob-", "");
    MessageDigest sha = Digests.newSha256();
    long size = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
         OutputStream out = new DigestOutputStream(Channels.newOutputStream(ch), sha)) {
      byte[] buf = new byte[BUFFER];
      for (int n; (n = in.read(buf)) != -1; ) {
        out.write(buf, 0, n);
        if ((size + n) / FlushBehind.EVERY_BYTES != size / FlushBehind.EVERY_BYTES) {
          FlushBehind.request(file); // the final force() then has little left to write
        }
        size += n;
      }
      out.flush();
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new StagedBlob(file, Digests.format(sha.digest()), size);
  }

  /** Stages into tmp/. */
  public StagedBlob stage(InputStream in) throws IOException {
    return stage(in, paths.tmp());
  }

  /**
   * Moves a staged blob into the store. Fails with INVALID_ARGUMENT (and drops the temp file) when
   * {@code expectedDigest} is non-null and differs.
   */
  public Descriptor commit(StagedBlob staged, String expectedDigest) throws IOException {
    if (expectedDigest != null && !expectedDigest.equals(staged.digest())) {
      Files.deleteIfExists(staged.file());
      throw WharfException.invalid("digest mismatch: expected " + expectedDigest + ", got " + staged.digest());
    }
    Path target = paths.blob(staged.digest());
    if (Files.exists(target)) {
      Files.deleteIfExists(staged.file());
    } else {
      DurableFiles.moveIntoPlace(staged.file(), target);
    }
    return staged.descriptor();
  }

  /** Stage and commit in one step. */
  public Descriptor put(InputStream in, String expectedDigest) throws IOException {
    return commit(stage(in), expectedDigest);
  }

  /** Stores bytes already in memory (configs, manifests). */
  public Descriptor put(byte[] bytes) throws IOException {
    return put(new ByteArrayInputStream(bytes), null);
  }

  public boolean has(String digest) {
    return Digests.isValid(digest) && Files.isRegularFile(paths.blob(digest));
  }

  /** Size in bytes; NOT_FOUND when absent. */
  public long size(String digest) {
    try {
      return Files.size(existing(digest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a blob for reading; NOT_FOUND when absent. The caller closes the stream. */
  public InputStream open(String digest) throws IOException {
    try {
      return Files.newInputStream(existing(digest));
    } catch (NoSuchFileException e) {
      throw WharfException.notFound("blob " + digest + " not found");
    }
  }

  public byte[] read(String digest) throws IOException {
    return Files.readAllBytes(existing(digest));
  }

  /** The file of an existing blob; NOT_FOUND when absent, INVALID_ARGUMENT for a malformed digest. */
  public Path existing(String digest) {
    Path p = paths.blob(Digests.require(digest));
    if (!Files.isRegularFile(p)) {
      throw WharfException.notFound("blob " + digest + " not found");
    }
    return p;
  }

  /** Deletes a blob; absent is fine. */
  public void delete(String digest) {
    DurableFiles.deleteQuietly(paths.blob(digest));
  }
}
