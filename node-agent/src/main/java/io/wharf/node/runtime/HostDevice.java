package io.wharf.node.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A device node of the host, as {@code --privileged} passes every one into the container.
 *
 * @param type "c" or "b"
 */
public record HostDevice(String path, String type, long major, long minor, int fileMode, long uid, long gid) {

  /** Device nodes under /dev (not /dev/pts, /dev/shm, /dev/mqueue, which get their own mounts). Blocks. */
  public static List<HostDevice> scan(Path dev) {
    List<HostDevice> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dev)) {
      files.filter(p -> !p.startsWith(dev.resolve("pts")) && !p.startsWith(dev.resolve("shm"))
              && !p.startsWith(dev.resolve("mqueue")))
          .forEach(p -> describe(p).ifPresent(out::add));
    } catch (IOException | RuntimeException e) {
      // /dev changing under us (hotplug) or unreadable entries: a partial list is what Docker gets too.
    }
    return out;
  }

  /** The device node at {@code p} (not following symlinks); empty for anything else. Blocks. */
  static java.util.Optional<HostDevice> describe(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      int kind = mode & 0170000;
      if (kind != 0020000 && kind != 0060000) {
        return java.util.Optional.empty();
      }
      long rdev = (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
      long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
      long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
      int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      return java.util.Optional.of(new HostDevice(p.toString(), kind == 0020000 ? "c" : "b",
          major, minor & 0xfffff, mode & 07777, uid, gid));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
