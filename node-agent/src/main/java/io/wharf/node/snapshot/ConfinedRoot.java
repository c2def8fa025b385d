package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory a layer is unpacked into, and the only way to turn an entry name into a path under
 * it. Every parent of an entry must be a real directory inside the root: a symlink planted by the
 * layer (say {@code evil -> /etc}) can never be walked through, so nothing is written outside.
 * Missing parents are created (mode 0755, as tar does for implicit directories). Blocking.
 */
final class ConfinedRoot {
  private final Path root;
  private final Path realRoot;

  ConfinedRoot(Path root) {
    try {
      this.root = root;
      this.realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  /** The path of a normalized entry name after making sure its parents are real dirs (created if missing). */
  Path prepare(String name, String entry) throws IOException {
    Path parent = walkParents(EntryNames.parentName(name), entry, true);
    return name.isEmpty() ? root : parent.resolve(EntryNames.baseName(name));
  }

  /** Like {@link #prepare} but creates nothing: for hard link targets, which must already exist. */
  Path existing(String name, String entry) throws IOException {
    Path parent = walkParents(EntryNames.parentName(name), entry, false);
    return name.isEmpty() ? root : parent.resolve(EntryNames.baseName(name));
  }

  /**
   * The path of a normalized name if every parent exists as a real directory inside the root, else
   * null (nothing is created; a symlinked parent yields null too, {@link #prepare} refuses it later).
   */
  Path existingOrNull(String name) throws IOException {
    Path current = root;
    String parentName = EntryNames.parentName(name);
    if (!parentName.isEmpty()) {
      for (String segment : parentName.split("/")) {
        current = current.resolve(segment);
        BasicFileAttributes attrs = lstat(current);
        if (attrs == null || !attrs.isDirectory()) {
          return null;
        }
      }
    }
    return current.resolve(EntryNames.baseName(name));
  }

  private Path walkParents(String parentName, String entry, boolean create) throws IOException {
    Path current = root;
    if (!parentName.isEmpty()) {
      for (String segment : parentName.split("/")) {
        current = current.resolve(segment);
        requireDirectory(current, entry, create);
      }
    }
    if (!current.toRealPath().startsWith(realRoot)) {
      throw WharfException.invalid("layer entry \"" + entry + "\" resolves outside the layer root");
    }
    return current;
  }

  private static void requireDirectory(Path dir, String entry, boolean create) throws IOException {
    BasicFileAttributes attrs = lstat(dir);
    if (attrs == null && create) {
      Files.createDirectory(dir);
      Files.setAttribute(dir, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
      return;
    }
    if (attrs == null) {
      throw WharfException.invalid("layer entry \"" + entry + "\" refers to a missing directory " + dir.getFileName());
    }
    if (attrs.isSymbolicLink()) {
      throw WharfException.invalid("layer entry \"" + entry + "\" goes through the symlink " + dir.getFileName());
    }
    if (!attrs.isDirectory()) {
      throw WharfException.invalid("layer entry \"" + entry + "\" goes through the non-directory " + dir.getFileName());
    }
  }

  /** The attributes of {@code p} itself (not a symlink's target), or null when nothing is there. */
  static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }
}
