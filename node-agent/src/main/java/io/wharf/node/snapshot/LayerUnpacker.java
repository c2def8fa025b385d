package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import io.wharf.node.nativeio.DeviceNodes;
import io.wharf.node.nativeio.NativeException;
import io.wharf.node.nativeio.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one image layer (plain, gzip or zstd tar, recognized by magic bytes) into an empty
 * directory, streaming, and returns the layer's diffID: the sha256 of the uncompressed tar stream.
 *
 * <p>Safety: entry names are normalized; absolute names, {@code ..} segments, writes through a
 * symlink (or any non-directory) planted by the layer, and hard links that leave the root or go
 * through a symlink are refused with INVALID_ARGUMENT naming the entry. Nothing is ever written
 * outside the target directory. On a refusal the target is left half-written: the caller deletes it
 * ({@link LayerStore} unpacks into a temp dir for that reason).
 *
 * <p>Fidelity: numeric owners, modes with setuid/setgid/sticky (chmod after chown), mtimes (also of
 * symlinks, and of directories after their children), xattrs from PAX {@code SCHILY.xattr.*} records,
 * hard links, symlinks, devices and FIFOs. OCI whiteouts are converted to overlay form
 * ({@link Whiteouts}). A tar whose end-of-archive blocks are missing is accepted.
 *
 * <p>Blocking: run it on a worker thread. Thread-safe (no shared mutable state).
 */
public final class LayerUnpacker {
  private final DeviceNodes devices;
  private final Xattrs xattrs;

  public LayerUnpacker(DeviceNodes devices, Xattrs xattrs) {
    this.devices = devices;
    this.xattrs = xattrs;
  }

  public LayerUnpacker() {
    this(new DeviceNodes(), new Xattrs());
  }

  /**
   * Unpacks {@code blob} into {@code target} (an existing empty directory) and closes {@code blob}.
   *
   * @return the diffID, {@code "sha256:<64 hex>"}
   * @throws WharfException INVALID_ARGUMENT for an unsafe entry or a corrupt stream, FAILED_PRECONDITION
   *     when {@code target} is not an empty directory, INTERNAL when writing fails
   */
  public String unpack(InputStream blob, Path target) {
    requireEmptyDirectory(target);
    MessageDigest sha256 = newSha256();
    try (InputStream plain = LayerStreams.decompress(new TarSource(blob));
        DigestInputStream digesting = new DigestInputStream(plain, sha256)) {
      PaxXattrs headers = new PaxXattrs(digesting);
      unpackEntries(new TarArchiveInputStream(headers), headers, new ConfinedRoot(target));
      new TarSource(digesting).transferTo(OutputStream.nullOutputStream());
    } catch (TarSource.BadLayer e) {
      throw WharfException.invalid("layer is not a valid tar stream: " + e.getMessage());
    } catch (IOException | UncheckedIOException | NativeException e) {
      throw WharfException.internal("unpacking a layer into " + target + " failed: " + e.getMessage(), e);
    } catch (InvalidPathException e) {
      throw WharfException.invalid("layer entry \"" + e.getInput() + "\" is not a valid path");
    }
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }

  private void unpackEntries(TarArchiveInputStream tar, PaxXattrs headers, ConfinedRoot root)
      throws IOException {
    EntryWriter writer = new EntryWriter(root, devices, new EntryMetadata(xattrs));
    Whiteouts whiteouts = new Whiteouts(devices, xattrs);
    InputStream content = new TarSource(tar);
    for (TarArchiveEntry entry = next(tar, headers); entry != null; entry = next(tar, headers)) {
      String name = EntryNames.normalize(entry.getName());
      if (Whiteouts.isWhiteout(name)) {
        whiteouts.convert(name, root);
      } else {
        writer.write(entry, name, content, headers.xattrs(entry));
      }
    }
    writer.finishDirectories();
  }

  /** The next entry; a malformed header is the layer's fault, so it is reported as a BadLayer. */
  private static TarArchiveEntry next(TarArchiveInputStream tar, PaxXattrs headers) throws IOException {
    try {
      headers.startHeaders();
      TarArchiveEntry entry = tar.getNextEntry();
      headers.endHeaders();
      return entry;
    } catch (TarSource.BadLayer e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new TarSource.BadLayer(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
  }

  private static void requireEmptyDirectory(Path target) {
    if (!Files.isDirectory(target)) {
      throw WharfException.precondition("layer target " + target + " is not a directory");
    }
    try (Stream<Path> children = Files.list(target)) {
      if (children.findAny().isPresent()) {
        throw WharfException.precondition("layer target " + target + " is not empty");
      }
    } catch (IOException e) {
      throw WharfException.internal("cannot list layer target " + target, e);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
