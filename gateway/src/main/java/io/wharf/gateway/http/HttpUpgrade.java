package io.wharf.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Turns a Docker "hijack" request (POST with {@code Upgrade: tcp}: attach, exec start) into a raw
 * socket. This is the ONLY class that touches Vert.x internals, and a test guards it:
 *
 * <ul>
 *   <li>{@code HttpServerRequest.toNetSocket()} refuses POST upgrades, so we take the HTTP/1
 *       connection's own {@link Http1xServerConnection#netSocket()}, which removes the HTTP codec
 *       from the pipeline; we then write the 101 head ourselves.</li>
 *   <li>The docker CLI half-closes (shutdown(SHUT_WR)) when its stdin ends and keeps reading.
 *       Netty closes the channel on input EOF unless {@link ChannelOption#ALLOW_HALF_CLOSURE} is
 *       set, which on a unix socket only the epoll transport accepts (Vert.x with
 *       {@code preferNativeTransport}). The EOF is reported to {@code onInputShutdown}.</li>
 * </ul>
 *
 * <p>Call it after the request body (if any) has been read.
 */
public final class HttpUpgrade {
  private HttpUpgrade() {}

  /** A raw socket and whether half-close is supported on it. */
  public record Upgraded(NetSocket socket, boolean halfCloseSupported) {}

  /**
   * Takes over the connection of {@code request}, writes {@code head101} (a complete response
   * head ending with an empty line) and returns the socket, paused: set its handler, then resume.
   *
   * @param onInputShutdown run on the event loop when the client shuts down its write side
   */
  public static Future<Upgraded> upgrade(HttpServerRequest request, String head101, Runnable onInputShutdown) {
    HttpConnection conn = request.connection();
    if (!(conn instanceof Http1xServerConnection http1)) {
      return Future.failedFuture(new IllegalStateException("cannot hijack a " + conn.getClass().getSimpleName()));
    }
    return http1.netSocket().compose(so -> {
      so.pause();
      boolean halfClose = enableHalfClose(so, onInputShutdown);
      return so.write(Buffer.buffer(head101)).map(v -> new Upgraded(so, halfClose));
    });
  }

  /** Docker's 101 head for a hijacked stream. */
  public static String head101(String contentType) {
    return "HTTP/1.1 101 UPGRADED\r\nContent-Type: " + contentType + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
  }

  /**
   * Half-closes a socket: shuts down its write side so the peer reads EOF, while still reading.
   * Returns false when the transport cannot (the socket is then left as it is).
   */
  public static boolean shutdownOutput(NetSocket so) {
    if (so instanceof NetSocketInternal internal
        && internal.channelHandlerContext().channel() instanceof io.netty.channel.socket.DuplexChannel duplex) {
      duplex.shutdownOutput();
      return true;
    }
    return false;
  }

  /** The head dockerd sends when a client hijacks without asking to upgrade (old clients). */
  public static String head200(String contentType) {
    return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n\r\n";
  }

  private static boolean enableHalfClose(NetSocket so, Runnable onInputShutdown) {
    if (!(so instanceof NetSocketInternal internal)) {
      return false;
    }
    ChannelHandlerContext chctx = internal.channelHandlerContext();
    boolean accepted = chctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    if (accepted) {
      chctx.pipeline().addBefore(chctx.name(), "wharf-half-close", new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext c, Object event) throws Exception {
          if (event instanceof ChannelInputShutdownEvent) {
            onInputShutdown.run();
          }
          super.userEventTriggered(c, event);
        }
      });
    }
    return accepted;
  }
}
