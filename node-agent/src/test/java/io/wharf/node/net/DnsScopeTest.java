package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wharf.api.network.Endpoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsScopeTest {
  private static Endpoint ep(String net, String id, String name, String ip, String... aliases) {
    return new Endpoint("e" + id, net, id, name, ip, 24, "x", "m", List.of(aliases));
  }

  // web and db on front; db also on back; batch on back only; other on an unrelated network
  private static final List<Endpoint> ALL = List.of(
      ep("front", "aaaaaaaaaaaa0001", "web", "10.1.0.2", "www"),
      ep("front", "bbbbbbbbbbbb0002", "db", "10.1.0.3", "database"),
      ep("back", "bbbbbbbbbbbb0002", "db", "10.2.0.3"),
      ep("back", "cccccccccccc0003", "batch", "10.2.0.4"),
      ep("other", "dddddddddddd0004", "lonely", "10.3.0.2"));

  private static DnsScope.Decision ask(String net, String askerIp, String name, int type) {
    return DnsScope.decide(ALL, net, askerIp, DnsMessage.question(DnsMessage.query(1, name, type)));
  }

  @Test
  void askerSeesTheContainersOfEveryNetworkItIsOn() {
    assertEquals(Set.of("front", "back"), DnsScope.networksOf(ALL, "front", "10.1.0.3"));
    assertEquals(Set.of("front"), DnsScope.networksOf(ALL, "front", "10.1.0.99"));
    assertEquals(List.of(0x0a020004), ask("front", "10.1.0.3", "batch", 1).addresses());
    assertEquals(List.of(0x0a010002), ask("front", "10.1.0.3", "WWW", 1).addresses());
  }

  @Test
  void otherNetworksNamesAreNxdomainAndDottedNamesAreForwarded() {
    assertEquals(DnsScope.Kind.NXDOMAIN, ask("front", "10.1.0.2", "batch", 1).kind());
    assertEquals(DnsScope.Kind.NXDOMAIN, ask("other", "10.3.0.2", "web", 1).kind());
    assertEquals(DnsScope.Kind.FORWARD, ask("front", "10.1.0.2", "example.com", 1).kind());
  }

  @Test
  void idPrefixesOfTwelveAndMoreResolveShorterOnesDoNot() {
    assertEquals(DnsScope.Kind.ANSWER, ask("front", "10.1.0.2", "bbbbbbbbbbbb", 1).kind());
    assertEquals(DnsScope.Kind.NXDOMAIN, ask("front", "10.1.0.2", "bbbbbb", 1).kind());
  }

  @Test
  void aaaaOfAKnownNameIsAnEmptyAnswer() {
    DnsScope.Decision d = ask("front", "10.1.0.2", "db", 28);
    assertEquals(DnsScope.Kind.ANSWER, d.kind());
    assertEquals(List.of(), d.addresses());
  }

  @Test
  void reverseLookupOfAVisibleContainerGivesItsName() {
    assertEquals("web", ask("front", "10.1.0.3", "2.0.1.10.in-addr.arpa", DnsScope.TYPE_PTR).ptrName());
    assertEquals(DnsScope.Kind.FORWARD, ask("other", "10.3.0.2", "2.0.1.10.in-addr.arpa", DnsScope.TYPE_PTR).kind());
    assertNull(DnsScope.reversed("1.2.in-addr.arpa"));
  }

  @Test
  void ptrReplyCarriesTheEncodedName() {
    byte[] query = DnsMessage.query(9, "2.0.1.10.in-addr.arpa", DnsScope.TYPE_PTR);
    byte[] reply = DnsMessage.ptrReply(query, DnsMessage.question(query), "web");
    assertEquals(1, reply[7]);
    byte[] tail = java.util.Arrays.copyOfRange(reply, reply.length - 5, reply.length);
    assertEquals(List.of((byte) 3, (byte) 'w', (byte) 'e', (byte) 'b', (byte) 0),
        List.of(tail[0], tail[1], tail[2], tail[3], tail[4]));
  }

  @Test
  void tcpFramesSplitAndJoinMessages() {
    List<byte[]> got = new java.util.ArrayList<>();
    TcpFrames f = new TcpFrames(got::add);
    io.vertx.core.buffer.Buffer both = TcpFrames.frame(new byte[] {1, 2, 3}).appendBuffer(TcpFrames.frame(new byte[] {4}));
    f.feed(both.getBuffer(0, 4));
    assertEquals(0, got.size());
    f.feed(both.getBuffer(4, both.length()));
    assertEquals(2, got.size());
    assertEquals(4, got.get(1)[0]);
  }
}
