package io.wharf.node.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code docker diff} of an overlay container: walks the upper (writable) dir in lexical order and
 * classifies each path as Docker's overlay driver does. A 0/0 character device is a deletion (D);
 * a path that also exists in a lower layer is a modification (C), except a directory whose size,
 * mode and mtime equal the lower one's (it was only a parent of a change); everything else is an
 * addition (A). The parent of an A or D is reported as C once, if not reported already.
 * Blocking.
 */
public final class UpperDirChanges {
  public static final int MODIFIED = 0;
  public static final int ADDED = 1;
  public static final int DELETED = 2;

  /** One line of {@code docker diff}: {@code Kind} 0 = C, 1 = A, 2 = D. */
  public record Change(String path, int kind) {}

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
    if (dir) {
      changedDirs.add(path);
    }
    if (kind == null) {
      return;
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
      if (dir && Boolean.TRUE.equals(l.get("isDirectory")) && a.get("size").equals(l.get("size"))
          && a.get("mode").equals(l.get("mode"))
          && sameSecond((FileTime) a.get("lastModifiedTime"), (FileTime) l.get("lastModifiedTime"))) {
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

  /** Equal mtimes, or the same second when one side has no sub-second part (as Docker compares). */
  private static boolean sameSecond(FileTime x, FileTime y) {
    java.time.Instant a = x.toInstant();
    java.time.Instant b = y.toInstant();
    return a.equals(b) || (a.getEpochSecond() == b.getEpochSecond() && (a.getNano() == 0 || b.getNano() == 0));
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
