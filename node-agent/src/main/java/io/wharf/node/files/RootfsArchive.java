package io.wharf.node.files;

import io.wharf.api.WharfException;
import io.wharf.node.snapshot.ArchiveExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Docker's archive API (docker cp) over one mounted container rootfs: stat a path, write it as a
 * tar, extract a tar into a directory. Paths are the user's, inside the container; every one is
 * resolved by {@link ScopedPath}, so nothing outside the rootfs is ever read or written.
 * Blocking. The caller keeps the rootfs mounted meanwhile.
 */
public final class RootfsArchive {
  private final Path rootfs;
  private final String containerName;
  private final ScopedPath scope;
  private final Map<Path, Path> substitutes;

  /** @param containerName as the user named the container, for Docker's not-found message */
  public RootfsArchive(Path rootfs, String containerName) {
    this(rootfs, containerName, Map.of());
  }

  /**
   * @param containerFiles container path ("/etc/hosts") -> the host file the container really sees
   *     there (bind-mounted by the runtime); reads of those paths return it
   */
  public RootfsArchive(Path rootfs, String containerName, Map<String, Path> containerFiles) {
    this.rootfs = rootfs;
    this.containerName = containerName;
    this.scope = new ScopedPath(rootfs);
    Map<Path, Path> subs = new java.util.HashMap<>();
    containerFiles.forEach((inside, host) -> subs.put(rootfs.resolve(inside.substring(1)), host));
    this.substitutes = Map.copyOf(subs);
  }

  /** HEAD and GET: the path's stat; a final symlink is described, not followed (unless "/" ends it). */
  public PathStat stat(String requested) {
    String abs = ScopedPath.absolute(requested);
    Path host = scope.resolveParent(abs);
    Map<String, Object> a = lstat(substitute(host), requested);
    boolean dir = Boolean.TRUE.equals(a.get("isDirectory"));
    if (!dir && (abs.endsWith("/") || abs.endsWith("/."))) {
      throw WharfException.invalid("path " + requested + " in container " + containerName + " is not a directory");
    }
    String linkTarget = "";
    if (Boolean.TRUE.equals(a.get("isSymbolicLink"))) {
      linkTarget = scope.inContainer(scope.resolveAll(abs));
    }
    return new PathStat(ScopedPath.baseName(abs), (Long) a.get("size"), PathStat.goFileMode((Integer) a.get("mode")),
        ((FileTime) a.get("lastModifiedTime")).toInstant(), linkTarget);
  }

  /**
   * GET: the path as a tar whose top entry is named after the requested base name ("etc/",
   * "cpin.txt", "./" for "dir/.", "./" for the root).
   */
  public void writeTar(String requested, OutputStream out) throws IOException {
    String abs = ScopedPath.absolute(requested);
    Path host = scope.resolveParent(abs);
    lstat(substitute(host), requested);
    String name = ScopedPath.baseName(abs);
    if (name.equals("/")) {
      name = ".";
    }
    TreeTar tar = new TreeTar(out).substituting(substitutes);
    tar.add(host, name);
    tar.finish();
  }

  /**
   * PUT: extracts the tar into the directory at the path (a final symlink is followed).
   *
   * @throws WharfException NOT_FOUND when the path is missing, INVALID_ARGUMENT when it is not a
   *     directory or an entry is unsafe
   */
  public void extract(String requested, InputStream tar, boolean noOverwriteDirNonDir, boolean keepOwners) {
    String abs = ScopedPath.absolute(requested);
    Path host = scope.resolveAll(abs);
    Map<String, Object> a = lstat(host, requested);
    if (!Boolean.TRUE.equals(a.get("isDirectory"))) {
      throw WharfException.invalid("extraction point is not a directory");
    }
    new ArchiveExtractor().extract(tar, host, noOverwriteDirNonDir, keepOwners);
  }

  /** Whole rootfs as a tar (docker export), entry names relative ("bin/", "etc/hosts"). */
  public void export(OutputStream out) throws IOException {
    TreeTar tar = new TreeTar(out);
    java.util.List<Path> children;
    try (var list = Files.list(rootfs)) {
      children = list.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
    }
    for (Path child : children) {
      tar.add(child, child.getFileName().toString());
    }
    tar.finish();
  }

  /** The container's own copy of a bind-mounted file, else {@code host} itself. */
  private Path substitute(Path host) {
    Path s = substitutes.get(host);
    if (s == null || !Files.isRegularFile(s)) {
      return host;
    }
    try {
      Map<String, Object> a = Files.readAttributes(host, "unix:*", LinkOption.NOFOLLOW_LINKS);
      return Boolean.TRUE.equals(a.get("isDirectory")) || Boolean.TRUE.equals(a.get("isSymbolicLink")) ? host : s;
    } catch (IOException e) {
      return s; // not in the rootfs (never started): the container would still see its own file
    }
  }

  private Map<String, Object> lstat(Path host, String requested) {
    try {
      return Files.readAttributes(host, "unix:*", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw notFound(requested);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Not a directory")) {
        throw notFound(requested);
      }
      throw WharfException.internal("cannot stat " + requested + " in container " + containerName + ": "
          + e.getMessage(), e);
    }
  }

  private WharfException notFound(String requested) {
    return WharfException.notFound("Could not find the file " + requested + " in container " + containerName);
  }
}
