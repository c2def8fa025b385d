package io.wharf.node.build.dockerfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds build-context tars for tests, including hostile and unterminated ones. */
final class ContextTar {
  static final FileTime MTIME = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

  ContextTar() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  ContextTar file(String name, String content) {
    return file(name, content, 0644);
  }

  ContextTar file(String name, String content, int mode) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(data.length);
    e.setMode(mode);
    e.setLastModifiedTime(MTIME);
    return put(e, data);
  }

  ContextTar dir(String name, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    e.setMode(mode);
    e.setLastModifiedTime(MTIME);
    return put(e, new byte[0]);
  }

  ContextTar symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    return put(e, new byte[0]);
  }

  ContextTar hardlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    return put(e, new byte[0]);
  }

  private ContextTar put(TarArchiveEntry e, byte[] data) {
    try {
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  byte[] bytes() {
    try {
      tar.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The entries so far, then one more file whose content is not padded and no end-of-archive
   * blocks: what the docker CLI sends when it appends a Dockerfile from outside the context.
   */
  byte[] unterminatedWith(String name, String content) {
    try {
      byte[] complete = bytes();
      int end = complete.length;
      while (end >= 512 && java.util.Arrays.equals(complete, end - 512, end, new byte[512], 0, 512)) {
        end -= 512;
      }
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      e.setMode(0600);
      byte[] header = new byte[512];
      e.writeEntryHeader(header);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(complete, 0, end);
      out.write(header);
      out.write(data);
      return out.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
