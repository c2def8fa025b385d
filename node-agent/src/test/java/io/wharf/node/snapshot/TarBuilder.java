package io.wharf.node.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Builds layer tars in memory for tests. Entries are owned by the test process's own uid/gid (the owner of /proc/self) unless
 * told otherwise, so the safety cases also run without root.
 */
final class TarBuilder {
  static final long UID = ownId("unix:uid");
  static final long GID = ownId("unix:gid");
  static final long MTIME_MILLIS = 1_600_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

  TarBuilder() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  TarBuilder dir(String name, int mode) {
    return add(entry(name, TarConstants.LF_DIR, mode), null);
  }

  TarBuilder file(String name, String content, int mode) {
    return add(entry(name, TarConstants.LF_NORMAL, mode), content.getBytes(StandardCharsets.UTF_8));
  }

  TarBuilder file(String name, String content, int mode, Map<String, String> pax) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
    pax.forEach(e::addPaxHeader);
    return add(e, content.getBytes(StandardCharsets.UTF_8));
  }

  TarBuilder owned(String name, String content, int mode, long uid, long gid) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    return add(e, content.getBytes(StandardCharsets.UTF_8));
  }

  TarBuilder symlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
    e.setLinkName(target);
    return add(e, null);
  }

  TarBuilder hardlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644);
    e.setLinkName(target);
    return add(e, null);
  }

  TarBuilder device(String name, byte type, int major, int minor) {
    TarArchiveEntry e = entry(name, type, 0620);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    return add(e, null);
  }

  /** The finished tar, with end-of-archive blocks. */
  byte[] bytes() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The tar without its end-of-archive blocks (and record padding): ends right after the last entry. */
  byte[] withoutEnd() {
    byte[] full = bytes();
    int end = full.length;
    while (end > 0 && full[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(full, (end + 511) / 512 * 512);
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdCompressorOutputStream z = new ZstdCompressorOutputStream(out)) {
      z.write(plain);
    }
    return out.toByteArray();
  }

  static String diffId(byte[] plain) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain));
  }

  private TarArchiveEntry entry(String name, byte type, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setMode(mode);
    e.setUserId(UID);
    e.setGroupId(GID);
    e.setModTime(MTIME_MILLIS);
    return e;
  }

  private TarBuilder add(TarArchiveEntry e, byte[] content) {
    try {
      e.setSize(content == null ? 0 : content.length);
      tar.putArchiveEntry(e);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static long ownId(String attribute) {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), attribute)).longValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
