package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wharf.api.network.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {
  @Test
  void readsTheQuestion() {
    DnsMessage.Question q = DnsMessage.question(DnsMessage.query(0x1234, "Web.Example", 1));
    assertEquals("web.example", q.name());
    assertEquals(1, q.type());
  }

  @Test
  void repliesWithARecordsAfterTheEchoedQuestion() {
    byte[] query = DnsMessage.query(0x1234, "web", 1);
    DnsMessage.Question q = DnsMessage.question(query);
    byte[] reply = DnsMessage.reply(query, q, List.of(0x0a000002), false);
    assertEquals(0x12, reply[0]);
    assertEquals(0x34, reply[1]);
    assertEquals((byte) 0x81, reply[2]); // QR + RD
    assertEquals((byte) 0x80, reply[3]); // RA, NOERROR
    assertEquals(1, reply[7]);           // one answer
    assertArrayEquals(new byte[] {10, 0, 0, 2}, java.util.Arrays.copyOfRange(reply, reply.length - 4, reply.length));
  }

  @Test
  void nxdomainHasNoAnswers() {
    byte[] query = DnsMessage.query(7, "nope", 1);
    byte[] reply = DnsMessage.reply(query, DnsMessage.question(query), List.of(1), true);
    assertEquals((byte) 0x83, reply[3]);
    assertEquals(0, reply[7]);
    assertEquals(query.length, reply.length);
  }

  @Test
  void malformedQueriesAreIgnored() {
    assertNull(DnsMessage.question(new byte[5]));
    byte[] q = DnsMessage.query(1, "abc", 1);
    assertNull(DnsMessage.question(java.util.Arrays.copyOf(q, q.length - 3)));
  }

  @Test
  void namesMatchContainerNameAliasAndLongIdPrefix() {
    Endpoint e = new Endpoint("ep", "net", "0123456789abcdef", "web", "10.0.0.2", 24, "10.0.0.1", "m", List.of("www"));
    assertEquals(true, DnsScope.matches(e, "WEB"));
    assertEquals(true, DnsScope.matches(e, "www"));
    assertEquals(true, DnsScope.matches(e, "0123456789ab"));
    assertEquals(false, DnsScope.matches(e, "0123"));
    assertEquals(false, DnsScope.matches(e, "db"));
  }
}
