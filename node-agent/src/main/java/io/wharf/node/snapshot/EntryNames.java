package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a tar entry name into a clean relative path or refuses it. {@code ./bin/sh}, {@code bin//sh}
 * and {@code bin/./sh} all become {@code bin/sh}; {@code ./} becomes the empty string (the layer
 * root). Absolute names and names with a {@code ..} segment are refused, even when they would
 * resolve inside the root: a layer that contains them was not made by an honest builder.
 */
final class EntryNames {
  private EntryNames() {}

  /** The normalized name, or throws INVALID_ARGUMENT naming the entry. */
  static String normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw WharfException.invalid("layer entry has an empty name");
    }
    if (raw.startsWith("/")) {
      throw WharfException.invalid("layer entry \"" + raw + "\" has an absolute path");
    }
    if (raw.indexOf('\0') >= 0) {
      throw WharfException.invalid("layer entry \"" + raw.replace('\0', '?') + "\" contains a NUL byte");
    }
    List<String> parts = new ArrayList<>();
    for (String segment : raw.split("/")) {
      if (segment.equals("..")) {
        throw WharfException.invalid("layer entry \"" + raw + "\" contains a \"..\" segment");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        parts.add(segment);
      }
    }
    return String.join("/", parts);
  }

  /** The last segment of a normalized name ("" for the root). */
  static String baseName(String normalized) {
    int slash = normalized.lastIndexOf('/');
    return slash < 0 ? normalized : normalized.substring(slash + 1);
  }

  /** The parent of a normalized name ("" when it sits in the root). */
  static String parentName(String normalized) {
    int slash = normalized.lastIndexOf('/');
    return slash < 0 ? "" : normalized.substring(0, slash);
  }
}
