package io.wharf.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Assertions;

/** Test fixtures: the busybox image tar from scripts/busybox-image.sh, and small tar builders. */
public final class TestImages {
  private TestImages() {}

  /** target/ of this module (or WHARF_TEST_ROOT), where tests put everything they create. */
  public static Path targetDir() {
    String root = System.getenv("WHARF_TEST_ROOT");
    return Path.of(root != null ? root : "target").toAbsolutePath();
  }

  /** A fresh unique directory under target/. */
  public static Path freshDir(String prefix) throws IOException {
    return Files.createDirectories(targetDir().resolve("test-" + prefix + "-" + UUID.randomUUID()));
  }

  /** Runs scripts/busybox-image.sh (project root = ../ of the module dir) into {@code out}. */
  public static Path busyboxTar(Path out, String tag) throws IOException, InterruptedException {
    Path script = Path.of("..", "scripts", "busybox-image.sh").toAbsolutePath().normalize();
    Process p = new ProcessBuilder("bash", script.toString(), out.toString(), tag)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    Assertions.assertEquals(0, p.waitFor(), "busybox-image.sh failed: " + output);
    return out;
  }

  /** The regular files of a tar, in order. */
  public static Map<String, byte[]> members(byte[] tar) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isFile()) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  public static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        out.putArchiveEntry(e);
        out.write(f.getValue());
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  public static InputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }

  /** Files (regular, recursively) under {@code dir}; 0 when absent. */
  public static long countFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }
}
