package io.wharf.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.ContainerState;
import io.wharf.gateway.http.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the hijack path (HttpUpgrade's use of Vert.x internals) end to end: a raw client sends
 * Docker's attach request over the unix socket, the gateway hijacks it and proxies to the fake
 * node, bytes flow both ways, and output still arrives after the client half-closes.
 */
class HijackAttachTest {
  private static final String ID = "a".repeat(64);
  private static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new GatewayHarness();
    GatewayHarness.await(h.services.add(ID, "att1", ContainerState.RUNNING));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private static final String ATTACH = "POST /v1.47/containers/att1/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\n"
      + "Host: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\nContent-Length: 0\r\n"
      + "Connection: Upgrade\r\nContent-Type: text/plain\r\nUpgrade: tcp\r\n\r\n";

  @Test
  void attachUpgradesRelaysBothWaysAndSurvivesHalfClose() throws Exception {
    assertTrue(h.vertx.isNativeTransportEnabled(), "tests must run with the epoll transport");
    try (SocketChannel ch = h.client.open()) {
      RawDockerClient.write(ch, ATTACH.getBytes(StandardCharsets.ISO_8859_1));
      ResponseHead head = ResponseHead.parse(RawDockerClient.readHead(ch));
      assertEquals(101, head.status());
      assertEquals("tcp", head.header("upgrade"));
      assertEquals("application/vnd.docker.multiplexed-stream", head.header("content-type"));

      RawDockerClient.write(ch, "hello\n".getBytes(StandardCharsets.UTF_8));
      assertArrayEquals(FakeNode.frame(1, "HELLO\n"), readExactly(ch, FakeNode.frame(1, "HELLO\n").length));

      ch.shutdownOutput();
      byte[] rest = RawDockerClient.readAll(ch);
      assertArrayEquals(FakeNode.frame(1, "bye\n"), rest, "output after the client's half-close must arrive");
    }
    assertTrue(h.node.requests.stream().anyMatch(r -> r.startsWith("GET /internal/v1/containers/" + ID
        + "/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1") && r.contains("Upgrade: tcp")));
  }

  @Test
  void immediateHalfCloseStillStreamsOutput() throws Exception {
    try (SocketChannel ch = h.client.open()) {
      RawDockerClient.write(ch, ATTACH.replace("/v1.47/", "/v1.41/").getBytes(StandardCharsets.ISO_8859_1));
      ResponseHead head = ResponseHead.parse(RawDockerClient.readHead(ch));
      assertEquals(101, head.status());
      assertEquals("application/vnd.docker.raw-stream", head.header("content-type"), "API 1.41 always says raw-stream");
      ch.shutdownOutput();
      assertArrayEquals(FakeNode.frame(1, "bye\n"), RawDockerClient.readAll(ch));
    }
  }

  @Test
  void withoutUpgradeHeadersTheOldStyle200IsUsed() throws Exception {
    try (SocketChannel ch = h.client.open()) {
      RawDockerClient.write(ch, ATTACH.replace("Connection: Upgrade\r\n", "").replace("Upgrade: tcp\r\n", "")
          .getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(200, ResponseHead.parse(RawDockerClient.readHead(ch)).status());
      ch.shutdownOutput();
      assertArrayEquals(FakeNode.frame(1, "bye\n"), RawDockerClient.readAll(ch));
    }
  }

  @Test
  void unknownContainerIsAPlain404BeforeAnyUpgrade() throws Exception {
    try (SocketChannel ch = h.client.open()) {
      RawDockerClient.write(ch, ATTACH.replace("att1", "nosuch").getBytes(StandardCharsets.ISO_8859_1));
      byte[] all = RawDockerClient.readHead(ch);
      ResponseHead head = ResponseHead.parse(all);
      assertEquals(404, head.status());
      assertEquals("application/json", head.header("content-type"));
    }
  }

  @Test
  void nodeErrorIsRelayedAsHttpResponse() throws Exception {
    GatewayHarness.await(h.services.add(FakeNode.MISSING, "gone1", ContainerState.RUNNING));
    try (SocketChannel ch = h.client.open()) {
      RawDockerClient.write(ch, ATTACH.replace("att1", "gone1").getBytes(StandardCharsets.ISO_8859_1));
      byte[] headBytes = RawDockerClient.readHead(ch);
      ResponseHead head = ResponseHead.parse(headBytes);
      assertEquals(404, head.status());
      byte[] body = readExactly(ch, (int) head.contentLength());
      assertTrue(new String(body, StandardCharsets.UTF_8).contains("No such container"));
    }
  }

  static byte[] readExactly(SocketChannel ch, int n) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        break;
      }
    }
    out.write(buf.array(), 0, buf.position());
    return out.toByteArray();
  }
}
