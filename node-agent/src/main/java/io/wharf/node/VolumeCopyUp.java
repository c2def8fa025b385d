package io.wharf.node;

import io.wharf.api.container.MountSpec;
import io.wharf.node.files.ScopedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Docker's copy-up: an empty volume mounted over a directory of the image gets a copy of that
 * directory's content (owners, modes and symlinks kept) before the container first sees it.
 * Runs at start with the rootfs mounted; BLOCKS. A volume that already has content, or mounted
 * with {@code nocopy}, is left alone.
 */
final class VolumeCopyUp {
  private VolumeCopyUp() {}

  static void fill(Path rootfs, List<MountSpec> mounts) {
    try {
      fillAll(rootfs, mounts);
    } catch (IOException e) {
      throw io.wharf.api.WharfException.internal("copying the image's content into a volume: " + e.getMessage(), e);
    }
  }

  private static void fillAll(Path rootfs, List<MountSpec> mounts) throws IOException {
    ScopedPath scope = new ScopedPath(rootfs);
    for (MountSpec m : mounts) {
      if (!MountSpec.VOLUME.equals(m.type()) || m.hostPath() == null || MountSpec.NO_COPY.equals(m.options())) {
        continue;
      }
      Path volume = Path.of(m.hostPath());
      Path source = scope.resolveAll(m.target());
      if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) && isEmpty(volume) && !isEmpty(source)) {
        copyTree(source, volume);
      }
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (p.equals(from)) {
          continue;
        }
        Files.copy(p, dest, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        if (!Files.isSymbolicLink(p)) {
          Files.setAttribute(dest, "unix:uid", Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
          Files.setAttribute(dest, "unix:gid", Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        }
      }
    }
  }
}
