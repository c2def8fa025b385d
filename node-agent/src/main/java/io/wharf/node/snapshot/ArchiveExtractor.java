package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import io.wharf.node.nativeio.DeviceNodes;
import io.wharf.node.nativeio.NativeException;
import io.wharf.node.nativeio.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a {@code docker cp} archive (plain tar) into an existing directory of a container's
 * rootfs with the layer unpacker's safety: names normalized, absolute names and {@code ..} refused,
 * never writing through a symlink or non-directory in a parent (a symlink the container planted
 * inside the extraction tree is refused, not followed), hard links only to files of the archive's
 * own tree. Unlike a layer, {@code .wh.} names are ordinary files here (Docker's cp does not read
 * whiteouts).
 *
 * <p>Not atomic: entries are written one by one, so a failure (or a crash) leaves the entries before
 * it in place, as Docker does. Blocking.
 */
public final class ArchiveExtractor {
  private final DeviceNodes devices;
  private final Xattrs xattrs;

  public ArchiveExtractor(DeviceNodes devices, Xattrs xattrs) {
    this.devices = devices;
    this.xattrs = xattrs;
  }

  public ArchiveExtractor() {
    this(new DeviceNodes(), new Xattrs());
  }

  /**
   * @param noOverwriteDirNonDir refuse replacing a directory with a non-directory or the reverse
   * @param keepOwners keep the archive's uid/gid ({@code docker cp -a}); otherwise everything is
   *     owned by root, as Docker documents
   * @throws WharfException INVALID_ARGUMENT for an unsafe entry, a corrupt archive or a refused
   *     overwrite; INTERNAL when writing fails
   */
  public void extract(InputStream archive, Path target, boolean noOverwriteDirNonDir, boolean keepOwners) {
    try {
      PaxXattrs headers = new PaxXattrs(new TarSource(archive));
      TarArchiveInputStream tar = new TarArchiveInputStream(headers);
      ConfinedRoot root = new ConfinedRoot(target);
      EntryWriter writer = new EntryWriter(root, devices, new EntryMetadata(xattrs));
      InputStream content = new TarSource(tar);
      for (TarArchiveEntry e = next(tar, headers); e != null; e = next(tar, headers)) {
        String name = EntryNames.normalize(e.getName());
        if (noOverwriteDirNonDir) {
          refuseTypeChange(root, name, e);
        }
        if (!keepOwners) {
          e.setUserId(0L);
          e.setGroupId(0L);
        }
        writer.write(e, name, content, headers.xattrs(e));
      }
      writer.finishDirectories();
    } catch (TarSource.BadLayer e) {
      throw WharfException.invalid("the archive is not a valid tar stream: " + e.getMessage());
    } catch (IOException | UncheckedIOException | NativeException e) {
      throw WharfException.internal("extracting into " + target + " failed: " + e.getMessage(), e);
    } catch (InvalidPathException e) {
      throw WharfException.invalid("archive entry \"" + e.getInput() + "\" is not a valid path");
    }
  }

  private static void refuseTypeChange(ConfinedRoot root, String name, TarArchiveEntry e) throws IOException {
    if (name.isEmpty()) {
      return;
    }
    Path path = root.existingOrNull(name);
    BasicFileAttributes existing = path == null ? null : ConfinedRoot.lstat(path);
    if (existing == null) {
      return;
    }
    if (existing.isDirectory() && !e.isDirectory()) {
      throw WharfException.invalid("cannot overwrite directory \"/" + name + "\" with non-directory \""
          + e.getName() + "\"");
    }
    if (!existing.isDirectory() && e.isDirectory()) {
      throw WharfException.invalid("cannot overwrite non-directory \"/" + name + "\" with directory \""
          + e.getName() + "\"");
    }
  }

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
}
