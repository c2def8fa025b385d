package io.wharf.node.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The little of RFC 1035 the embedded DNS needs: read the first question of a query, and build a
 * reply carrying A records, one PTR record, an empty NOERROR (the name exists, not with that
 * type) or NXDOMAIN; read the truncation bit of a relayed answer. Pure; malformed input gives null
 * from {@link #question}.
 */
public final class DnsMessage {
  private DnsMessage() {}

  public static final int TYPE_A = 1;
  private static final int HEADER = 12;

  /** The first question: lower-case name without the trailing dot, its type, and where it ends. */
  public record Question(String name, int type, int end) {}

  public static Question question(byte[] msg) {
    if (msg.length < HEADER + 5 || ((msg[4] << 8) | (msg[5] & 0xff)) < 1) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int i = HEADER;
    while (i < msg.length && msg[i] != 0) {
      int len = msg[i] & 0xff;
      if (len > 63 || i + 1 + len >= msg.length) {
        return null;
      }
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(msg, i + 1, len, StandardCharsets.US_ASCII));
      i += 1 + len;
    }
    if (i + 5 > msg.length) {
      return null;
    }
    int type = ((msg[i + 1] & 0xff) << 8) | (msg[i + 2] & 0xff);
    return new Question(name.toString().toLowerCase(java.util.Locale.ROOT), type, i + 5);
  }

  /**
   * A reply to {@code query} (its id and question echoed): one A record per address, TTL 600
   * like Docker's; {@code nxdomain} true gives rcode 3 and no answers.
   */
  public static byte[] reply(byte[] query, Question q, List<Integer> addresses, boolean nxdomain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(query[0]);
    out.write(query[1]);
    out.write(0x80 | (query[2] & 0x01)); // QR, opcode 0, keep RD
    out.write(0x80 | (nxdomain ? 3 : 0)); // RA, rcode
    List<Integer> answers = nxdomain ? List.of() : addresses;
    writeShort(out, 1);
    writeShort(out, answers.size());
    writeShort(out, 0);
    writeShort(out, 0);
    out.write(query, HEADER, q.end() - HEADER);
    for (int addr : answers) {
      writeShort(out, 0xc000 | HEADER); // pointer to the question's name
      writeShort(out, TYPE_A);
      writeShort(out, 1);
      out.writeBytes(ByteBuffer.allocate(4).putInt(600).array());
      writeShort(out, 4);
      out.writeBytes(ByteBuffer.allocate(4).putInt(addr).array());
    }
    return out.toByteArray();
  }

  /** A reply carrying one PTR record pointing at {@code target}, TTL 600. */
  public static byte[] ptrReply(byte[] query, Question q, String target) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(reply(query, q, List.of(), false));
    byte[] msg = out.toByteArray();
    msg[7] = 1; // ancount
    out.reset();
    out.writeBytes(msg);
    writeShort(out, 0xc000 | HEADER);
    writeShort(out, DnsScope.TYPE_PTR);
    writeShort(out, 1);
    out.writeBytes(ByteBuffer.allocate(4).putInt(600).array());
    byte[] name = encodeName(target);
    writeShort(out, name.length);
    out.writeBytes(name);
    return out.toByteArray();
  }

  /** True when a message has the TC (truncated) bit: the client should ask again over TCP. */
  public static boolean truncated(byte[] msg) {
    return msg.length > 2 && (msg[2] & 0x02) != 0;
  }

  private static byte[] encodeName(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String l : name.split("\\.")) {
      if (!l.isEmpty()) {
        out.write(l.length());
        out.writeBytes(l.getBytes(StandardCharsets.US_ASCII));
      }
    }
    out.write(0);
    return out.toByteArray();
  }

  /** A query for tests and tools: id, RD set, one question. */
  public static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeShort(out, id);
    writeShort(out, 0x0100);
    writeShort(out, 1);
    writeShort(out, 0);
    writeShort(out, 0);
    writeShort(out, 0);
    out.writeBytes(encodeName(name));
    writeShort(out, type);
    writeShort(out, 1);
    return out.toByteArray();
  }

  private static void writeShort(ByteArrayOutputStream out, int v) {
    out.write((v >>> 8) & 0xff);
    out.write(v & 0xff);
  }
}
