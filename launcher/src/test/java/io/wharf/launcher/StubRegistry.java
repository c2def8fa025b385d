package io.wharf.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A registry that answers every request with one fixed status (401 with a Basic challenge, 403,
 * 404, 500...) or never answers at all (status 0: the request hangs until the stub is closed).
 */
final class StubRegistry implements AutoCloseable {
  private final HttpServer server;
  private final CountDownLatch released = new CountDownLatch(1);

  StubRegistry(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      if (status == 0) {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
        return;
      }
      byte[] body = ("{\"errors\":[{\"code\":\"STUB\",\"message\":\"stub answers " + status + "\"}]}").getBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (status == 401) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"stub\"");
      }
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
