package io.wharf.node.build;

import io.wharf.node.files.ScopedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Paths of a build step inside an image's root filesystem: made absolute against WORKDIR, created
 * (parents too) through {@link ScopedPath} so an image's symlinks stay confined to the rootfs, and
 * the mtimes of existing directories read before a write so the layer gets no build time.
 */
final class RootfsPaths {
  private RootfsPaths() {}

  /** Creates {@code dir} (absolute, inside the image) and its missing parents (0755, root); its host path. */
  static Path mkdirs(Path rootfs, String dir) throws IOException {
    ScopedPath scoped = new ScopedPath(rootfs);
    String clean = ScopedPath.absolute(dir);
    StringBuilder prefix = new StringBuilder();
    for (String part : clean.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      prefix.append('/').append(part);
      Path p = scoped.resolveAll(prefix.toString());
      if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(p);
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      } else if (!Files.isDirectory(p)) {
        throw new IOException("cannot create directory " + prefix + ": a file is in the way");
      }
    }
    return scoped.resolveAll(clean);
  }

  /**
   * The mtimes of the directories on the way to {@code dir} that the image already has: writing into
   * them changes their mtime, which would put the build's time into the layer (their copy-up).
   */
  static Map<Path, java.nio.file.attribute.FileTime> dirTimes(Path rootfs, String dir) throws IOException {
    Map<Path, java.nio.file.attribute.FileTime> out = new java.util.LinkedHashMap<>();
    ScopedPath scoped = new ScopedPath(rootfs);
    StringBuilder prefix = new StringBuilder();
    for (String part : ScopedPath.absolute(dir).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      prefix.append('/').append(part);
      Path p = scoped.resolveAll(prefix.toString());
      if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
      out.put(p, Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
    return out;
  }

  /** A path made absolute against the working dir, cleaned (no trailing slash). */
  static String absolute(String path, String workingDir) {
    String base = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    String joined = path.startsWith("/") ? path : base + "/" + path;
    String clean = ScopedPath.absolute(joined);
    if (clean.endsWith("/.")) {
      clean = clean.substring(0, clean.length() - 2);
    }
    return clean.length() > 1 && clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean;
  }

  static String parentOf(String dest) {
    int slash = dest.lastIndexOf('/');
    return slash <= 0 ? "/" : dest.substring(0, slash);
  }

  static String relative(String pattern) {
    String p = pattern;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.isEmpty() ? "." : p;
  }
}
