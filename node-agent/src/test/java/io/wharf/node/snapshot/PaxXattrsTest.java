package io.wharf.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaxXattrsTest {
  private static final String KEY = "SCHILY.xattr.security.capability";

  /** Hex of a PAX data block (records concatenated, zero padded) -> hex of the value found, or "null". */
  @ParameterizedTest
  @CsvSource(emptyValue = "", value = {
      // a record is 2 length digits + " SCHILY.xattr.security.capability=" (34) + value + "\n"
      "'40', 'ff0080', 'ff0080'",
      "'39', '0a0a', '0a0a'",
      "'37', '', ''",
      "'39', '', 'null'",
      "'41', 'ff0080', 'null'",
  })
  void findsRecordsByTheirByteLength(String length, String valueHex, String expectedHex) {
    byte[] value = HexFormat.of().parseHex(valueHex);
    byte[] raw = record(length, value);
    byte[] found = PaxXattrs.rawValue(raw, KEY);
    if ("null".equals(expectedHex)) {
      assertNull(found);
    } else {
      assertArrayEquals(HexFormat.of().parseHex(expectedHex), found);
    }
  }

  @Test
  void takesTheLastWellFormedRecord() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(record("38", new byte[] {1}));
    out.writeBytes(new byte[100]);
    out.writeBytes(record("38", new byte[] {2}));
    assertArrayEquals(new byte[] {2}, PaxXattrs.rawValue(out.toByteArray(), KEY));
  }

  @Test
  void recoversNonUtf8ValuesThatCommonsCompressGarbles() throws Exception {
    byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, (byte) 0x80, (byte) 0xc3};
    byte[] tar = handMadePaxTar("f", "SCHILY.xattr.user.bin", binary);
    PaxXattrs headers = new PaxXattrs(new ByteArrayInputStream(tar));
    TarArchiveInputStream in = new TarArchiveInputStream(headers);
    headers.startHeaders();
    TarArchiveEntry entry = in.getNextEntry();
    headers.endHeaders();
    Map<String, byte[]> xattrs = headers.xattrs(entry);
    assertEquals("f", entry.getName());
    assertArrayEquals(binary, xattrs.get("user.bin"));
  }

  private static byte[] record(String length, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((length + " " + KEY + "=").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(value);
    out.write('\n');
    return out.toByteArray();
  }

  /** A ustar archive with one 'x' header carrying a raw-byte PAX record, then an empty file owned by the test process. */
  static byte[] handMadePaxTar(String name, String key, byte[] value) {
    byte[] recordTail = (" " + key + "=").getBytes(StandardCharsets.US_ASCII);
    int base = recordTail.length + value.length + 1;
    int len = base + String.valueOf(base).length();
    len = base + String.valueOf(len).length();
    ByteArrayOutputStream pax = new ByteArrayOutputStream();
    pax.writeBytes(String.valueOf(len).getBytes(StandardCharsets.US_ASCII));
    pax.writeBytes(recordTail);
    pax.writeBytes(value);
    pax.write('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header("PaxHeaders/" + name, 'x', pax.size()));
    out.writeBytes(pad(pax.toByteArray()));
    out.writeBytes(header(name, '0', 0));
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static byte[] header(String name, char type, int size) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, String.format("%07o", TarBuilder.UID));
    put(h, 116, String.format("%07o", TarBuilder.GID));
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }

  private static byte[] pad(byte[] data) {
    byte[] out = new byte[(data.length + 511) / 512 * 512];
    System.arraycopy(data, 0, out, 0, data.length);
    return out;
  }
}
