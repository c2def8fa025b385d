package io.wharf.node.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.vertx.core.Handler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Lets a hijacked connection stay open for output after the peer shut down its write side (the
 * docker CLI half-closes when its stdin ends), and reports that end of input. Uses Netty's channel
 * through Vert.x's internal {@link NetSocketInternal}: keep it in this one class.
 */
public final class HalfClose {
  private HalfClose() {}

  /** Enables half-closure on {@code socket} and calls {@code onEndOfInput} (on the event loop) when input ends. */
  public static void enable(NetSocket socket, Handler<Void> onEndOfInput) {
    ChannelHandlerContext ctx = ((NetSocketInternal) socket).channelHandlerContext();
    ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    ctx.pipeline().addBefore("handler", "wharf-half-close", new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext c, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
          onEndOfInput.handle(null);
        }
        super.userEventTriggered(c, event);
      }
    });
  }
}
