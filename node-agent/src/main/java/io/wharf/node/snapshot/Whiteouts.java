package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import io.wharf.node.nativeio.DeviceNodes;
import io.wharf.node.nativeio.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Converts OCI whiteout entries into the form overlayfs reads, so a layer directory can be used as a
 * lowerdir as it is:
 * <ul>
 *   <li>{@code dir/.wh.NAME} becomes a character device 0/0 at {@code dir/NAME}; no marker is left;
 *   <li>{@code dir/.wh..wh..opq} becomes the xattr {@code trusted.overlay.opaque=y} on {@code dir};
 *   <li>other {@code .wh..wh.*} names (aufs bookkeeping) are dropped, as Docker does.
 * </ul>
 * Blocking.
 */
final class Whiteouts {
  static final String PREFIX = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  private final DeviceNodes devices;
  private final Xattrs xattrs;

  Whiteouts(DeviceNodes devices, Xattrs xattrs) {
    this.devices = devices;
    this.xattrs = xattrs;
  }

  static boolean isWhiteout(String normalizedName) {
    return EntryNames.baseName(normalizedName).startsWith(PREFIX);
  }

  /** Applies the whiteout named by the entry; returns the path it created or marked. */
  Path convert(String name, ConfinedRoot root) throws IOException {
    String base = EntryNames.baseName(name);
    Path marker = root.prepare(name, name);
    Path dir = marker.getParent();
    if (base.equals(OPAQUE)) {
      xattrs.set(dir.toString(), OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
      return dir;
    }
    if (base.startsWith(PREFIX + PREFIX)) {
      return dir;
    }
    String hidden = base.substring(PREFIX.length());
    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
      throw WharfException.invalid("layer entry \"" + name + "\" is a whiteout of an invalid name");
    }
    Path target = dir.resolve(hidden);
    TreeRemoval.removeIfPresent(target);
    devices.whiteout(target.toString());
    return target;
  }
}
