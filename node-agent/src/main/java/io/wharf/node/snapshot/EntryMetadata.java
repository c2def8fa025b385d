package io.wharf.node.snapshot;

import io.wharf.node.nativeio.Errno;
import io.wharf.node.nativeio.FileTimes;
import io.wharf.node.nativeio.NativeException;
import io.wharf.node.nativeio.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a tar entry's metadata to what was just written, in the only order that keeps it all:
 * owner first (chown clears setuid/setgid and security.capability), then mode, then xattrs, then
 * mtime (last, and never following a symlink). Blocking.
 */
final class EntryMetadata {
  private static final int PERMISSION_BITS = 07777;
  private static final Logger LOG = LoggerFactory.getLogger(EntryMetadata.class);

  private final Xattrs xattrs;
  private final FileTimes times = new FileTimes();

  EntryMetadata(Xattrs xattrs) {
    this.xattrs = xattrs;
  }

  /** Owner, mode (not on symlinks), xattrs (name -> raw value) and, unless {@code deferMtime}, the mtime. */
  void apply(TarArchiveEntry entry, Path path, Map<String, byte[]> entryXattrs, boolean deferMtime)
      throws IOException {
    Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    if (!entry.isSymbolicLink()) {
      // path-based chmod(2): the final name is what we just created, never a symlink, and the
      // NOFOLLOW variant opens the file, which fails on device nodes without a driver
      Files.setAttribute(path, "unix:mode", entry.getMode() & PERMISSION_BITS);
    }
    entryXattrs.forEach((name, value) -> setXattr(path, name, value));
    if (!deferMtime) {
      setMtime(path, entry.getLastModifiedTime());
    }
  }

  /** Sets the modification (and access) time of {@code path} itself, never a symlink's target. */
  void setMtime(Path path, FileTime mtime) {
    times.set(path.toString(), mtime, mtime);
  }

  /** A filesystem that cannot hold the attribute (EOPNOTSUPP, EPERM) loses it with a warning, as Docker does. */
  private void setXattr(Path path, String name, byte[] value) {
    try {
      xattrs.set(path.toString(), name, value);
    } catch (NativeException e) {
      if (!e.is(Errno.EOPNOTSUPP) && !e.is(Errno.EPERM)) {
        throw e;
      }
      LOG.warn("dropped xattr {} of {}: {}", name, path, e.getMessage());
    }
  }
}
