package io.wharf.node.build.dockerfile;

import java.io.BufferedInputStream;
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
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Writes a build context tar (plain, gzip or bzip2) into a directory. Entry names are cleaned; an
 * absolute name or one with a {@code ..} segment is refused. Nothing is ever written through a
 * symlink: every parent of an entry must be a real directory of the tree (a symlink entry stays a
 * symlink, whatever its target), and files are created without following a symlink at their own
 * name. Hard links must point at a file already extracted. Device nodes and FIFOs are skipped (a
 * context has no use for them and creating them needs root). Modes and mtimes are kept, owners are
 * not (the builder copies context files as root unless {@code --chown}). A tar that ends without its
 * end-of-archive blocks, as the CLI sends when it appends a Dockerfile from outside the context, is
 * read to its last complete entry. Blocking.
 *
 * <p>Directory modes and mtimes are applied by {@link #finish()}, after the caller removed ignored
 * files (a read-only directory would refuse both the children and their removal).
 */
final class ContextExtractor {
  private static final int PERMISSION_BITS = 07777;

  private record DirMeta(int mode, FileTime mtime) {}

  private final Path root;
  private final Map<Path, DirMeta> directories = new LinkedHashMap<>();

  ContextExtractor(Path root) {
    this.root = root;
  }

  void extract(InputStream raw) throws IOException, DockerfileException {
    EndAware in = new EndAware(decompressed(raw));
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry e = next(tar, in); e != null; e = next(tar, in)) {
      String name = cleanName(e.getName());
      if (name.isEmpty()) {
        continue; // "./": the root itself, whose mode the builder does not use
      }
      write(e, name, tar);
    }
  }

  /**
   * The next entry, or null at the end. Running out of input while looking for the next header
   * (missing padding or end-of-archive blocks after a complete entry) is an end, not an error; a
   * short entry body fails earlier, while it is copied.
   */
  private static TarArchiveEntry next(TarArchiveInputStream tar, EndAware in) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      if (in.ended) {
        return null;
      }
      throw e;
    }
  }

  /** Remembers that the stream reported its end. */
  private static final class EndAware extends java.io.FilterInputStream {
    boolean ended;

    EndAware(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      ended |= n < 0;
      return n;
    }
  }

  /** Applies directory modes and mtimes, deepest first so a parent's mtime is not touched later. */
  void finish() throws IOException {
    Path[] dirs = directories.keySet().toArray(new Path[0]);
    for (int i = dirs.length - 1; i >= 0; i--) {
      if (Files.isDirectory(dirs[i], LinkOption.NOFOLLOW_LINKS)) {
        DirMeta meta = directories.get(dirs[i]);
        Files.setAttribute(dirs[i], "unix:mode", meta.mode());
        Files.setLastModifiedTime(dirs[i], meta.mtime());
      }
    }
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw);
    in.mark(3);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
    }
    if (b0 == 'B' && b1 == 'Z' && b2 == 'h') {
      return new BZip2CompressorInputStream(in, true);
    }
    return in;
  }

  /** The cleaned relative name, or refuses an absolute name or a {@code ..} segment. */
  static String cleanName(String raw) throws DockerfileException {
    if (raw.startsWith("/")) {
      throw new DockerfileException("build context entry \"" + raw + "\" has an absolute path");
    }
    StringBuilder out = new StringBuilder();
    for (String segment : raw.split("/")) {
      if (segment.equals("..")) {
        throw new DockerfileException("build context entry \"" + raw + "\" leaves the context (\"..\")");
      }
      if (segment.indexOf('\0') >= 0) {
        throw new DockerfileException("build context entry \"" + raw.replace('\0', '?') + "\" contains a NUL byte");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        out.append(out.length() == 0 ? "" : "/").append(segment);
      }
    }
    return out.toString();
  }

  private void write(TarArchiveEntry e, String name, InputStream content) throws IOException, DockerfileException {
    Path path = parentDirectory(name, e.getName()).resolve(baseName(name));
    BasicFileAttributes existing = lstat(path);
    if (e.isDirectory()) {
      if (existing == null || !existing.isDirectory()) {
        removeTree(path);
        Files.createDirectory(path);
      }
      directories.put(path, new DirMeta(e.getMode() & PERMISSION_BITS, e.getLastModifiedTime()));
      return;
    }
    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      return;
    }
    removeTree(path);
    if (e.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(e.getLinkName()));
    } else if (e.isLink()) {
      Files.createLink(path, hardLinkTarget(e));
    } else if (e.isFile()) {
      copy(content, path);
      Files.setAttribute(path, "unix:mode", e.getMode() & PERMISSION_BITS);
      Files.setLastModifiedTime(path, e.getLastModifiedTime());
    } else {
      throw new DockerfileException("build context entry \"" + e.getName() + "\" has the unsupported tar type '"
          + (char) e.getLinkFlag() + "'");
    }
  }

  /** The entry's parent, each segment a real directory (created when missing, never a symlink). */
  private Path parentDirectory(String name, String rawName) throws IOException, DockerfileException {
    Path current = root;
    int slash = name.lastIndexOf('/');
    if (slash < 0) {
      return current;
    }
    for (String segment : name.substring(0, slash).split("/")) {
      current = current.resolve(segment);
      BasicFileAttributes attrs = lstat(current);
      if (attrs == null) {
        Files.createDirectory(current);
      } else if (!attrs.isDirectory()) {
        throw new DockerfileException("build context entry \"" + rawName + "\" goes through the "
            + (attrs.isSymbolicLink() ? "symlink " : "non-directory ") + root.relativize(current));
      }
    }
    return current;
  }

  private Path hardLinkTarget(TarArchiveEntry e) throws IOException, DockerfileException {
    String target = cleanName(e.getLinkName());
    Path path = target.isEmpty() ? null : parentDirectoryIfPresent(target);
    BasicFileAttributes attrs = path == null ? null : lstat(path);
    if (attrs == null || attrs.isDirectory()) {
      throw new DockerfileException("build context entry \"" + e.getName() + "\" is a hard link to \""
          + e.getLinkName() + "\", which is not a file of the context");
    }
    return path;
  }

  private Path parentDirectoryIfPresent(String name) throws IOException {
    Path current = root;
    String[] segments = name.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      current = current.resolve(segments[i]);
      BasicFileAttributes attrs = lstat(current);
      if (attrs == null || !attrs.isDirectory()) {
        return null;
      }
    }
    return current.resolve(segments[segments.length - 1]);
  }

  private static void copy(InputStream content, Path path) throws IOException {
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      content.transferTo(out);
    }
  }

  private static String baseName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  /** Removes a file, symlink or whole directory tree at {@code path} (never following symlinks). */
  static void removeTree(Path path) throws IOException {
    BasicFileAttributes attrs = lstat(path);
    if (attrs == null) {
      return;
    }
    if (attrs.isDirectory()) {
      java.util.List<Path> children;
      try (var list = Files.list(path)) {
        children = list.toList();
      }
      for (Path child : children) {
        removeTree(child);
      }
    }
    Files.delete(path);
  }
}
