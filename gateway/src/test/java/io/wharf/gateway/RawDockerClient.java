package io.wharf.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.gateway.http.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** A minimal blocking HTTP/1.1 client over the gateway's unix socket, for tests. */
public final class RawDockerClient {
  private final Path socket;

  public RawDockerClient(Path socket) {
    this.socket = socket;
  }

  public record Response(int status, ResponseHead head, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
      return new JsonObject(text());
    }

    public JsonArray jsonArray() {
      return new JsonArray(text());
    }

    public String header(String name) {
      return head.header(name);
    }
  }

  public Response get(String path) throws IOException {
    return call("GET", path, null);
  }

  public Response post(String path, String jsonBody) throws IOException {
    return call("POST", path, jsonBody);
  }

  /** One request on a fresh connection with {@code Connection: close}; reads to EOF. */
  public Response call(String method, String path, String jsonBody) throws IOException {
    try (SocketChannel ch = open()) {
      byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + path + " HTTP/1.1\r\nHost: api.moby.localhost\r\nConnection: close\r\n"
          + "Content-Length: " + body.length + "\r\n"
          + (jsonBody == null ? "" : "Content-Type: application/json\r\n") + "\r\n";
      write(ch, head.getBytes(StandardCharsets.ISO_8859_1));
      write(ch, body);
      byte[] all = readAll(ch);
      ResponseHead h = ResponseHead.parse(all);
      byte[] rest = Arrays.copyOfRange(all, h.length(), all.length);
      return new Response(h.status(), h, h.chunked() ? dechunk(rest) : rest);
    }
  }

  public SocketChannel open() throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return ch;
  }

  public static void write(SocketChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  public static byte[] readAll(SocketChannel ch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    while (ch.read(buf) >= 0) {
      out.write(buf.array(), 0, buf.position());
      buf.clear();
    }
    return out.toByteArray();
  }

  /** Reads until a full response head is available; returns everything read so far. */
  public static byte[] readHead(SocketChannel ch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (ResponseHead.endOfHead(out.toByteArray()) < 0) {
      one.clear();
      if (ch.read(one) < 0) {
        throw new IOException("EOF before the response head: " + out);
      }
      out.write(one.array()[0]);
    }
    return out.toByteArray();
  }

  static byte[] dechunk(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < data.length) {
      int eol = indexOf(data, i);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(new String(data, i, eol - i, StandardCharsets.ISO_8859_1).trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(data, eol + 2, size);
      i = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i + 1 < data.length; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
