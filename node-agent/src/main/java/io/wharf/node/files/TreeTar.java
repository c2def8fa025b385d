package io.wharf.node.files;

import io.wharf.node.nativeio.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory tree (or one file) as a tar stream, as Docker's archive package does: entries
 * in lexical order, directories before their children with a trailing "/", symlinks as symlinks
 * (never followed), hard links once as a file and then as links, devices and FIFOs with their
 * numbers, sockets skipped. Owners are numeric, times are mtimes.
 *
 * <p>With {@code ociWhiteouts} (committing an overlay upper dir) overlay whiteouts become OCI
 * ones: a 0/0 character device {@code d/x} is written as an empty {@code d/.wh.x}, a directory
 * marked {@code trusted.overlay.opaque=y} gets a {@code d/.wh..wh..opq} entry after it.
 * Blocking. Call {@link #finish} after the last tree.
 */
public final class TreeTar {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFCHR = 020000;
  private static final int S_IFBLK = 060000;
  private static final int S_IFIFO = 010000;

  private final TarArchiveOutputStream tar;
  private final boolean ociWhiteouts;
  private final Xattrs xattrs;
  private final Map<String, String> hardLinks = new HashMap<>();
  private java.util.Set<String> skipped = java.util.Set.of();
  private Map<Path, Path> substitutes = Map.of();

  public TreeTar(OutputStream out, boolean ociWhiteouts, Xattrs xattrs) {
    this.tar = new TarArchiveOutputStream(out);
    this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    this.tar.setAddPaxHeadersForNonAsciiNames(true);
    this.ociWhiteouts = ociWhiteouts;
    this.xattrs = xattrs;
  }

  public TreeTar(OutputStream out) {
    this(out, false, null);
  }

  /** Leaves out these paths ("/etc/hosts", relative to the tree's top, with their subtrees). */
  public TreeTar skipping(java.util.Set<String> paths) {
    this.skipped = paths;
    return this;
  }

  /**
   * Reads these files instead of the paths they replace (host path -> host path): the container's
   * own /etc/hosts, /etc/hostname and /etc/resolv.conf, which the runtime bind-mounts over the
   * rootfs's empty mountpoints inside the container only.
   */
  public TreeTar substituting(Map<Path, Path> replacements) {
    this.substitutes = replacements;
    return this;
  }

  /** Adds {@code source} (and, for a directory, everything under it) named {@code name} in the tar. */
  public void add(Path source, String name) throws IOException {
    if (skipped.contains("/" + name)) {
      return;
    }
    Path replacement = substitutes.get(source);
    if (replacement != null && Files.isRegularFile(replacement) && !Files.isDirectory(source)) {
      source = replacement;
    }
    Map<String, Object> a = Files.readAttributes(source, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int type = mode & S_IFMT;
    if (type == S_IFSOCK) {
      return;
    }
    boolean dir = Boolean.TRUE.equals(a.get("isDirectory"));
    if (ociWhiteouts && type == S_IFCHR && ((Long) a.get("rdev")) == 0L) {
      writeWhiteout(name, a);
      return;
    }
    String entryName = dir && !name.endsWith("/") ? name + "/" : name;
    if (!dir && hardLinked(a, entryName)) {
      return;
    }
    TarArchiveEntry e = entry(source, entryName, a, type, dir);
    tar.putArchiveEntry(e);
    if (e.isFile() && e.getSize() > 0) {
      try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(tar);
      }
    }
    tar.closeArchiveEntry();
    if (dir) {
      addChildren(source, entryName);
    }
  }

  /** Ends the archive (two zero blocks) and flushes; does not close the underlying stream. */
  public void finish() throws IOException {
    tar.finish();
    tar.flush();
  }

  private void addChildren(Path dir, String dirName) throws IOException {
    if (ociWhiteouts && xattrs.get(dir.toString(), "trusted.overlay.opaque")
        .map(v -> v.length == 1 && v[0] == 'y').orElse(false)) {
      TarArchiveEntry opq = new TarArchiveEntry(dirName + ".wh..wh..opq", TarConstants.LF_NORMAL);
      opq.setModTime(Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS));
      tar.putArchiveEntry(opq);
      tar.closeArchiveEntry();
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
    }
    for (Path child : children) {
      add(child, dirName + child.getFileName());
    }
  }

  private TarArchiveEntry entry(Path source, String name, Map<String, Object> a, int type, boolean dir)
      throws IOException {
    TarArchiveEntry e;
    if (Boolean.TRUE.equals(a.get("isSymbolicLink"))) {
      e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(Files.readSymbolicLink(source).toString());
    } else if (dir) {
      e = new TarArchiveEntry(name, TarConstants.LF_DIR);
    } else if (type == S_IFCHR || type == S_IFBLK || type == S_IFIFO) {
      e = new TarArchiveEntry(name, type == S_IFCHR ? TarConstants.LF_CHR
          : type == S_IFBLK ? TarConstants.LF_BLK : TarConstants.LF_FIFO);
      long rdev = (Long) a.get("rdev");
      e.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
      e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
    } else {
      e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
      e.setSize((Long) a.get("size"));
    }
    e.setMode((Integer) a.get("mode") & 07777);
    e.setUserId(((Integer) a.get("uid")).longValue());
    e.setGroupId(((Integer) a.get("gid")).longValue());
    e.setModTime((FileTime) a.get("lastModifiedTime"));
    return e;
  }

  /** Second and later names of a multiply linked file become hard link entries to the first. */
  private boolean hardLinked(Map<String, Object> a, String name) throws IOException {
    if (((Integer) a.get("nlink")) < 2) {
      return false;
    }
    String key = a.get("dev") + ":" + a.get("ino");
    String first = hardLinks.putIfAbsent(key, name);
    if (first == null) {
      return false;
    }
    TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK);
    link.setLinkName(first);
    link.setModTime((FileTime) a.get("lastModifiedTime"));
    tar.putArchiveEntry(link);
    tar.closeArchiveEntry();
    return true;
  }

  private void writeWhiteout(String name, Map<String, Object> a) throws IOException {
    int slash = name.lastIndexOf('/');
    String marker = name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1);
    TarArchiveEntry e = new TarArchiveEntry(marker, TarConstants.LF_NORMAL);
    e.setModTime((FileTime) a.get("lastModifiedTime"));
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }
}
