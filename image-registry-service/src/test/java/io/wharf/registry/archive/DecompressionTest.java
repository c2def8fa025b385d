package io.wharf.registry.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecompressionTest {
  private static final byte[] DATA = "not compressed: a tar would start with a file name\n".repeat(50)
      .getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gz", "bzip2", "xz", "zstd", "plain"})
  void unwrapsEachFormat(String format) throws Exception {
    byte[] packed = pack(format, DATA);
    assertEquals(!format.equals("plain"), Decompression.isCompressed(new ByteArrayInputStream(packed)));
    try (InputStream in = Decompression.uncompressed(new ByteArrayInputStream(packed))) {
      assertArrayEquals(DATA, in.readAllBytes());
    }
  }

  private static byte[] pack(String format, byte[] data) throws Exception {
    if (format.equals("plain")) {
      return data;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new CompressorStreamFactory().createCompressorOutputStream(format, bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
