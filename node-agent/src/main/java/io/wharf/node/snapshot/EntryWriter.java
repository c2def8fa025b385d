package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import io.wharf.node.nativeio.DeviceNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Writes one (non-whiteout) tar entry under a {@link ConfinedRoot}. A later entry replaces an earlier
 * one of the same name, except that a directory over a directory keeps its contents and only takes
 * the new metadata. Directory mtimes are collected and applied by {@link #finishDirectories()} once
 * every child is written (writing a child changes its parent's mtime). Blocking.
 */
final class EntryWriter {
  private static final int PERMISSION_BITS = 07777;
  private static final int COPY_BUFFER = 128 * 1024;

  private final ConfinedRoot root;
  private final DeviceNodes devices;
  private final EntryMetadata metadata;
  private final Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();

  EntryWriter(ConfinedRoot root, DeviceNodes devices, EntryMetadata metadata) {
    this.root = root;
    this.devices = devices;
    this.metadata = metadata;
  }

  /** Writes the entry; {@code xattrs} are its extended attributes (name -> raw value). */
  void write(TarArchiveEntry entry, String name, InputStream content, Map<String, byte[]> xattrs)
      throws IOException {
    Path path = root.prepare(name, entry.getName());
    if (entry.isDirectory()) {
      writeDirectory(entry, path, xattrs);
      return;
    }
    if (name.isEmpty()) {
      throw WharfException.invalid("layer entry \"" + entry.getName() + "\" replaces the layer root with a non-directory");
    }
    TreeRemoval.removeIfPresent(path);
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      writeHardLink(entry, path);
      return;
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      devices.mknod(path.toString(), nodeMode(entry), DeviceNodes.makedev(entry.getDevMajor(), entry.getDevMinor()));
    } else if (entry.isFile()) {
      writeFile(path, content);
    } else {
      throw WharfException.invalid("layer entry \"" + entry.getName() + "\" has the unsupported tar type '"
          + (char) entry.getLinkFlag() + "'");
    }
    metadata.apply(entry, path, xattrs, false);
  }

  /** Sets the collected directory mtimes; call after the last entry. */
  void finishDirectories() throws IOException {
    for (Map.Entry<Path, FileTime> dir : directoryTimes.entrySet()) {
      metadata.setMtime(dir.getKey(), dir.getValue());
    }
  }

  private void writeDirectory(TarArchiveEntry entry, Path path, Map<String, byte[]> xattrs) throws IOException {
    BasicFileAttributes existing = ConfinedRoot.lstat(path);
    if (existing == null || !existing.isDirectory()) {
      TreeRemoval.removeIfPresent(path);
      Files.createDirectory(path);
    }
    metadata.apply(entry, path, xattrs, true);
    directoryTimes.put(path, entry.getLastModifiedTime());
  }

  /** The link target must be a non-directory already in this layer, reached without symlinks. */
  private void writeHardLink(TarArchiveEntry entry, Path path) throws IOException {
    String targetName = EntryNames.normalize(entry.getLinkName());
    Path target = root.existing(targetName, entry.getName());
    BasicFileAttributes attrs = ConfinedRoot.lstat(target);
    if (attrs == null || attrs.isDirectory() || targetName.isEmpty()) {
      throw WharfException.invalid("layer entry \"" + entry.getName() + "\" is a hard link to \""
          + entry.getLinkName() + "\", which is not a file of this layer");
    }
    Files.createLink(path, target);
  }

  /** CREATE_NEW never follows a symlink at the final name; the parents are checked by ConfinedRoot. */
  private static void writeFile(Path path, InputStream content) throws IOException {
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[COPY_BUFFER];
      for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
        out.write(buffer, 0, n);
      }
    }
  }

  private static int nodeMode(TarArchiveEntry entry) {
    int type = entry.isFIFO() ? DeviceNodes.S_IFIFO
        : entry.isBlockDevice() ? DeviceNodes.S_IFBLK : DeviceNodes.S_IFCHR;
    return type | (entry.getMode() & PERMISSION_BITS);
  }
}
