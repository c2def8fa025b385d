package io.wharf.node.files;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Docker's {@code ContainerPathStat}, sent base64-encoded in the {@code X-Docker-Container-Path-Stat}
 * header of archive HEAD and GET answers.
 *
 * @param mode a Go {@code os.FileMode}: permission bits, setuid/setgid/sticky and type bits in
 *     Go's positions (not the Unix st_mode layout), see {@link #goFileMode}
 * @param linkTarget for a symlink, its fully resolved target inside the container; else ""
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
  public static final String HEADER = "X-Docker-Container-Path-Stat";

  static final long GO_DIR = 1L << 31;
  static final long GO_SYMLINK = 1L << 27;
  static final long GO_DEVICE = 1L << 26;
  static final long GO_NAMED_PIPE = 1L << 25;
  static final long GO_SOCKET = 1L << 24;
  static final long GO_SETUID = 1L << 23;
  static final long GO_SETGID = 1L << 22;
  static final long GO_CHAR_DEVICE = 1L << 21;
  static final long GO_STICKY = 1L << 20;

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFBLK = 060000;
  private static final int S_IFDIR = 040000;
  private static final int S_IFCHR = 020000;
  private static final int S_IFIFO = 010000;

  /** Converts a Unix {@code st_mode} into Go's FileMode bits. */
  public static long goFileMode(int unixMode) {
    long mode = unixMode & 0777;
    switch (unixMode & S_IFMT) {
      case S_IFDIR -> mode |= GO_DIR;
      case S_IFLNK -> mode |= GO_SYMLINK;
      case S_IFBLK -> mode |= GO_DEVICE;
      case S_IFCHR -> mode |= GO_DEVICE | GO_CHAR_DEVICE;
      case S_IFIFO -> mode |= GO_NAMED_PIPE;
      case S_IFSOCK -> mode |= GO_SOCKET;
      default -> { }
    }
    if ((unixMode & 04000) != 0) {
      mode |= GO_SETUID;
    }
    if ((unixMode & 02000) != 0) {
      mode |= GO_SETGID;
    }
    if ((unixMode & 01000) != 0) {
      mode |= GO_STICKY;
    }
    return mode;
  }

  public boolean isDirectory() {
    return (mode & GO_DIR) != 0;
  }

  /** The JSON Docker sends, field order and time format as Go's encoder writes them. */
  public String json() {
    return "{\"name\":" + quote(name) + ",\"size\":" + size + ",\"mode\":" + mode + ",\"mtime\":\""
        + rfc3339Nano(mtime) + "\",\"linkTarget\":" + quote(linkTarget) + "}";
  }

  /** The header value: base64 (standard alphabet, padded) of {@link #json}. */
  public String header() {
    return Base64.getEncoder().encodeToString(json().getBytes(StandardCharsets.UTF_8));
  }

  /** Go's RFC3339Nano in UTC: fractional seconds with trailing zeros dropped, none when zero. */
  static String rfc3339Nano(Instant t) {
    String seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
    if (t.getNano() == 0) {
      return seconds + "Z";
    }
    String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return seconds + "." + frac + "Z";
  }

  private static String quote(String s) {
    return io.vertx.core.json.Json.encode(s == null ? "" : s);
  }
}
