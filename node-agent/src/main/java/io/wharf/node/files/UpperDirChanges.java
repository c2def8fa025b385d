package io.wharf.node.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code docker diff} of an overlay container: walks the upper (writable) dir in lexical order and
 * classifies each path as Docker's overlay driver does. A 0/0 character device is a deletion (D);
 * a path that also exists in a lower layer is a modification (C), except a directory whose mode
 * and owner equal the lower one's (it is reported only as the parent of a change); everything else
 * is an addition (A). The parent of an A or D is reported as C once, if not reported already.
 * The mountpoints the runtime creates for Docker's init layer ({@link #INIT_PATHS}: /etc/hosts,
 * /etc/hostname, /etc/resolv.conf, /dev/..., /proc, /sys) are not changes, as in Docker.
 * Blocking.
 */
public final class UpperDirChanges {
  public static final int MODIFIED = 0;
  public static final int ADDED = 1;
  public static final int DELETED = 2;

  /** One line of {@code docker diff}: {@code Kind} 0 = C, 1 = A, 2 = D. */
  public record Change(String path, int kind) {}

  /** What Docker keeps in a container's "-init" layer: never part of its diff or commit. */
  public static final Set<String> INIT_PATHS = Set.of("/.dockerenv", "/etc/hosts", "/etc/hostname",
      "/etc/resolv.conf", "/etc/mtab", "/dev/console", "/dev/pts", "/dev/shm", "/proc", "/sys", "/dev");

  private final Path upper;
  private final List<Path> lowersTopFirst;
  private final List<Change> changes = new ArrayList<>();
  private final Set<String> changedDirs = new HashSet<>();

  public UpperDirChanges(Path upper, List<Path> lowersTopFirst) {
    this.upper = upper;
    this.lowersTopFirst = lowersTopFirst;
  }

  public List<Change> scan() throws IOException {
    if (Files.isDirectory(upper)) {
      walk(upper, "");
    }
    return List.copyOf(changes);
  }

  private void walk(Path dir, String dirPath) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
    }
    for (Path child : children) {
      String path = dirPath + "/" + child.getFileName();
      if (INIT_PATHS.contains(path)) {
        continue;
      }
      Map<String, Object> a = Files.readAttributes(child, "unix:*", LinkOption.NOFOLLOW_LINKS);
      boolean isDir = Boolean.TRUE.equals(a.get("isDirectory"));
      visit(path, a, isDir);
      if (isDir) {
        walk(child, path);
      }
    }
  }

  private void visit(String path, Map<String, Object> a, boolean dir) throws IOException {
    Integer kind = isWhiteout(a) ? Integer.valueOf(DELETED) : classify(path, a, dir);
    if (kind == null) {
      return;
    }
    if (dir) {
      changedDirs.add(path);
    }
    if (kind != MODIFIED) {
      String parent = path.substring(0, path.lastIndexOf('/'));
      if (!parent.isEmpty() && changedDirs.add(parent)) {
        changes.add(new Change(parent, MODIFIED));
      }
    }
    changes.add(new Change(path, kind));
  }

  /** ADDED, MODIFIED, or null for a directory identical to the lower one. */
  private Integer classify(String path, Map<String, Object> a, boolean dir) throws IOException {
    for (Path lower : lowersTopFirst) {
      Map<String, Object> l = statFollowing(lower.resolve(path.substring(1)));
      if (l == null) {
        continue;
      }
      if (dir && Boolean.TRUE.equals(l.get("isDirectory")) && a.get("mode").equals(l.get("mode"))
          && a.get("uid").equals(l.get("uid")) && a.get("gid").equals(l.get("gid"))) {
        return null;
      }
      return MODIFIED;
    }
    return ADDED;
  }

  private static boolean isWhiteout(Map<String, Object> a) {
    int mode = (Integer) a.get("mode");
    return (mode & 0170000) == 020000 && ((Long) a.get("rdev")) == 0L;
  }

  private static Map<String, Object> statFollowing(Path p) throws IOException {
    try {
      return Files.readAttributes(p, "unix:*");
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
