package io.wharf.node.build.dockerfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root directory the way Docker's FollowSymlinkInScope does: the root acts
 * as {@code /}, so an absolute symlink target starts again at the root and {@code ..} never climbs
 * above it. The result is always under the root (it may not exist). Blocking.
 */
final class ScopedPath {
  private static final int MAX_LINKS = 255;

  private ScopedPath() {}

  /** {@code relPath} resolved in scope; every symlink on the way (also the last segment) is followed. */
  static Path resolve(Path root, String relPath) throws IOException {
    Deque<String> pending = new ArrayDeque<>(segments(relPath));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String segment = pending.pop();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path candidate = join(root, resolved).resolve(segment);
      if (!Files.isSymbolicLink(candidate)) {
        resolved.add(segment);
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new IOException("too many symlinks resolving " + relPath);
      }
      String target = Files.readSymbolicLink(candidate).toString();
      if (target.startsWith("/")) {
        resolved.clear();
      }
      List<String> targetSegments = segments(target);
      for (int i = targetSegments.size() - 1; i >= 0; i--) {
        pending.push(targetSegments.get(i));
      }
    }
    return join(root, resolved);
  }

  /** Whether the cleaned relative path climbs out of its root ({@code ../x}, {@code a/../../x}). */
  static boolean escapes(String relPath) {
    int depth = 0;
    for (String segment : segments(relPath)) {
      if (segment.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static List<String> segments(String path) {
    return List.of(path.split("/"));
  }

  private static Path join(Path root, List<String> segments) {
    Path p = root;
    for (String s : segments) {
      p = p.resolve(s);
    }
    return p;
  }
}
