package io.wharf.node.files;

import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a path inside a container into a host path under the container's rootfs, the way a chroot
 * would: every symlink met on the way is followed with the rootfs as "/" (an absolute target
 * starts again at the rootfs, a {@code ..} at the rootfs stays there), so the result can never
 * leave the rootfs whatever the container planted. A request path whose own {@code ..} segments
 * climb above "/" is refused (INVALID_ARGUMENT): Docker would silently clamp it, we name it.
 *
 * <p>Docker's archive rules built on this: {@link #resolveParent} resolves all but the last element
 * (GET/HEAD: a final symlink is reported as a symlink), {@link #resolveAll} every element (PUT: the
 * extraction point may be a symlink to a directory). A trailing "/" or "/." keeps the last element
 * "inside", so it is followed. Blocking (reads links); not atomic against a running container
 * that swaps a directory for a symlink between resolution and use.
 */
public final class ScopedPath {
  private static final int MAX_LINKS = 255;

  private final Path root;

  public ScopedPath(Path root) {
    this.root = root;
  }

  /**
   * The request path made absolute and lexically clean, keeping a trailing "/" or "/." as Docker's
   * PreserveTrailingDotOrSeparator does.
   */
  public static String absolute(String requested) {
    if (requested == null || requested.isEmpty()) {
      throw WharfException.invalid("path cannot be empty");
    }
    if (requested.indexOf('\0') >= 0) {
      throw WharfException.invalid("path " + requested.replace('\0', '?') + " contains a NUL byte");
    }
    List<String> parts = new ArrayList<>();
    for (String segment : requested.split("/")) {
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw WharfException.invalid("path " + requested + " climbs out of the container's root with \"..\"");
        }
        parts.remove(parts.size() - 1);
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        parts.add(segment);
      }
    }
    String clean = "/" + String.join("/", parts);
    if (parts.isEmpty()) {
      return clean;
    }
    if (requested.endsWith("/.")) {
      return clean + "/.";
    }
    return requested.endsWith("/") ? clean + "/" : clean;
  }

  /** The base name of an absolute path as Go's filepath.Base gives it ("/" for the root, "." for "/x/."). */
  public static String baseName(String absolute) {
    if (absolute.endsWith("/.")) {
      return ".";
    }
    String trimmed = absolute.endsWith("/") && absolute.length() > 1
        ? absolute.substring(0, absolute.length() - 1) : absolute;
    if (trimmed.equals("/")) {
      return "/";
    }
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** Every element resolved, symlinks included. */
  public Path resolveAll(String absolute) {
    return resolve(absolute);
  }

  /**
   * The parent resolved, the last element kept as it is (not followed), unless the path ends in
   * "/" or "/.", which resolves it too.
   */
  public Path resolveParent(String absolute) {
    if (absolute.equals("/") || absolute.endsWith("/") || absolute.endsWith("/.")) {
      return resolve(absolute);
    }
    int slash = absolute.lastIndexOf('/');
    Path parent = resolve(absolute.substring(0, slash + 1));
    return parent.resolve(absolute.substring(slash + 1));
  }

  /** The path inside the container of a host path under the root ("/" for the root). */
  public String inContainer(Path host) {
    Path rel = root.relativize(host);
    return "/" + rel.toString();
  }

  private Path resolve(String absolute) {
    Deque<String> pending = new ArrayDeque<>();
    pushFront(pending, absolute);
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      Path candidate = join(done).resolve(part);
      String target = linkTarget(candidate);
      if (target == null) {
        done.add(part);
        continue;
      }
      if (++links > MAX_LINKS) {
        throw WharfException.invalid("too many levels of symbolic links in " + absolute);
      }
      if (target.startsWith("/")) {
        done.clear();
      }
      pushFront(pending, target);
    }
    return join(done);
  }

  private Path join(List<String> parts) {
    Path p = root;
    for (String part : parts) {
      p = p.resolve(part);
    }
    return p;
  }

  private static void pushFront(Deque<String> pending, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      pending.push(parts[i]);
    }
  }

  /** The target of a symlink at {@code p}; null when p is missing or not a symlink. */
  private static String linkTarget(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
          && fse.getReason().contains("Not a directory")) {
        return null;
      }
      throw WharfException.internal("cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
