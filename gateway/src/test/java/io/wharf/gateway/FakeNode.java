package io.wharf.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a node agent's internal HTTP endpoint, written with plain blocking sockets so
 * that it can observe a half-close exactly. It serves, for any container id:
 * <ul>
 *   <li>{@code GET .../logs}: two multiplexed frames "line1\n" (stdout), "line2\n" (stderr);
 *       with {@code follow=1} the second one 700 ms after the first;</li>
 *   <li>{@code POST .../wait}: the head at once, then after 300 ms {@code {"Error":null,"StatusCode":3}};</li>
 *   <li>{@code GET .../attach} (upgrade): 101, then every stdin chunk comes back upper-cased as a stdout
 *       frame; on stdin EOF a stdout frame "bye\n" follows and the connection closes.</li>
 * </ul>
 * Requests without the expected token, or for id {@link #MISSING}, get a 404 JSON error.
 */
public final class FakeNode implements AutoCloseable {
  public static final String MISSING = "f".repeat(64);

  private final ServerSocket server;
  private final String token;
  /** Request heads received, for assertions. */
  public final List<String> requests = new CopyOnWriteArrayList<>();
  /** Wait requests whose caller hung up before the exit was reported. */
  public final java.util.concurrent.atomic.AtomicInteger abandonedWaits = new java.util.concurrent.atomic.AtomicInteger();
  private final Map<Socket, Boolean> open = new ConcurrentHashMap<>();

  public FakeNode(String token) throws IOException {
    this.token = token;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "fake-node");
    t.setDaemon(true);
    t.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.put(s, true);
        Thread t = new Thread(() -> serve(s), "fake-node-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      String head = readHead(in);
      requests.add(head);
      String requestLine = head.substring(0, head.indexOf("\r\n"));
      if (!head.contains("X-Wharf-Token: " + token) || requestLine.contains(MISSING)) {
        String body = "{\"message\":\"No such container: " + MISSING + "\"}";
        out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
            + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
      } else if (requestLine.contains("/logs")) {
        serveLogs(out, requestLine.contains("follow=1"));
      } else if (requestLine.contains("/wait")) {
        serveWait(s, in, out);
      } else if (requestLine.startsWith("GET ") && requestLine.contains("/attach")) {
        serveAttach(s, in, out);
      }
    } catch (IOException | InterruptedException e) {
      // connection ended
    } finally {
      open.remove(s);
    }
  }

  private static void serveLogs(OutputStream out, boolean follow) throws IOException, InterruptedException {
    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    chunk(out, frame(1, "line1\n"));
    if (follow) {
      Thread.sleep(700);
    }
    chunk(out, frame(2, "line2\n"));
    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private void serveWait(Socket s, InputStream in, OutputStream out) throws IOException {
    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    s.setSoTimeout(300);
    try {
      if (in.read() < 0) {
        abandonedWaits.incrementAndGet();
        return;
      }
    } catch (java.net.SocketTimeoutException e) {
      // still wanted: report the exit
    }
    chunk(out, "{\"Error\":null,\"StatusCode\":3}\n".getBytes(StandardCharsets.UTF_8));
    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static void serveAttach(Socket s, InputStream in, OutputStream out) throws IOException {
    out.write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(frame(1, new String(buf, 0, n, StandardCharsets.UTF_8).toUpperCase()));
      out.flush();
    }
    out.write(frame(1, "bye\n"));
    out.flush();
    s.shutdownOutput();
  }

  public static byte[] frame(int stream, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    byte[] f = new byte[8 + p.length];
    f[0] = (byte) stream;
    f[4] = (byte) (p.length >>> 24);
    f[5] = (byte) (p.length >>> 16);
    f[6] = (byte) (p.length >>> 8);
    f[7] = (byte) p.length;
    System.arraycopy(p, 0, f, 8, p.length);
    return f;
  }

  private static void chunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] h = head.toByteArray();
      int l = h.length;
      if (l >= 4 && h[l - 4] == '\r' && h[l - 3] == '\n' && h[l - 2] == '\r' && h[l - 1] == '\n') {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open.keySet()) {
      s.close();
    }
  }
}
