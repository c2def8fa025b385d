package io.wharf.node.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The files one COPY/ADD writes, as a tar whose names are relative to the destination directory:
 * owner from --chown (root by default, as Docker), mode from --chmod or the source, mtime kept from
 * the source (Docker keeps it for COPY), symlinks as symlinks, directories walked without following
 * links. Entries are sorted, so the same sources give the same tar. Blocking.
 */
final class CopyTar implements AutoCloseable {
  private final TarArchiveOutputStream tar;

  CopyTar(OutputStream out) {
    this.tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** {@code source} under {@code name} ("." puts a directory's contents at the top). */
  void add(Path source, String name, long[] owner, Integer chmod) throws IOException {
    if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      if (!name.equals(".")) {
        entry(source, name + "/", owner, chmod);
      }
      try (Stream<Path> children = Files.list(source)) {
        for (Path child : children.sorted().toList()) {
          String childName = (name.equals(".") ? "" : name + "/") + child.getFileName();
          add(child, childName, owner, chmod);
        }
      }
      return;
    }
    entry(source, name, owner, chmod);
  }

  /** A downloaded file (ADD of a URL): mode 0600 unless --chmod, as Docker. */
  void addFile(Path file, String name, long[] owner, Integer chmod, long mtimeMillis) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(Files.size(file));
    e.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | (chmod == null ? 0600 : chmod));
    e.setUserId(owner[0]);
    e.setGroupId(owner[1]);
    e.setModTime(mtimeMillis);
    tar.putArchiveEntry(e);
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  private void entry(Path source, String name, long[] owner, Integer chmod) throws IOException {
    PosixFileAttributes a = Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    TarArchiveEntry e;
    if (a.isSymbolicLink()) {
      e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(Files.readSymbolicLink(source).toString());
    } else {
      e = new TarArchiveEntry(name);
    }
    int perms = chmod != null ? chmod : mode(a.permissions());
    int type = a.isDirectory() ? 040000 : a.isSymbolicLink() ? 0120000 : 0100000;
    e.setMode(type | (a.isSymbolicLink() ? 0777 : perms));
    e.setUserId(owner[0]);
    e.setGroupId(owner[1]);
    e.setModTime(a.lastModifiedTime().toMillis() / 1000 * 1000); // whole seconds, as a ustar header holds
    if (a.isRegularFile()) {
      e.setSize(a.size());
    }
    tar.putArchiveEntry(e);
    if (a.isRegularFile()) {
      Files.copy(source, tar);
    }
    tar.closeArchiveEntry();
  }

  private static int mode(Set<PosixFilePermission> perms) {
    int m = 0;
    for (PosixFilePermission p : perms) {
      m |= 1 << (8 - p.ordinal());
    }
    return m;
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.close();
  }
}
