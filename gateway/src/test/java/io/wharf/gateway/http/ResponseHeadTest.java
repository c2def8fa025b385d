package io.wharf.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {
  @Test
  void parses101WithTrailingStreamBytes() {
    String head = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
    byte[] bytes = (head + "\u0001\u0000\u0000\u0000").getBytes(StandardCharsets.ISO_8859_1);
    ResponseHead h = ResponseHead.parse(bytes);
    assertEquals(101, h.status());
    assertEquals("UPGRADED", h.reason());
    assertEquals(head.length(), h.length());
    assertEquals("application/vnd.docker.raw-stream", h.header("Content-Type"));
    assertEquals(-1, h.contentLength());
  }

  @Test
  void errorWithLength() {
    ResponseHead h = ResponseHead.parse("HTTP/1.1 404 Not Found\r\ncontent-length: 12\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(404, h.status());
    assertEquals(12, h.contentLength());
    assertTrue(!h.chunked());
  }

  @Test
  void incompleteAndMalformed() {
    assertNull(ResponseHead.parse("HTTP/1.1 200 OK\r\nX: y\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertThrows(IllegalArgumentException.class, () -> ResponseHead.parse("SSH-2.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertThrows(IllegalArgumentException.class, () -> ResponseHead.parse("HTTP/1.1 abc\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
  }
}
