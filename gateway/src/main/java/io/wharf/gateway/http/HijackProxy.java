package io.wharf.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.RoutingContext;

/**
 * Proxies a Docker hijacked stream (attach; exec start later) to the node that owns the
 * container. It opens a raw connection to the node, sends the upgrade request itself and reads
 * the node's response head:
 * <ul>
 *   <li>101: the client's connection is hijacked ({@link HttpUpgrade}), the 101 head is written
 *       with the node's Content-Type, and bytes are relayed both ways by a {@link SocketRelay};</li>
 *   <li>anything else: the node's status and body go back as a normal HTTP response (404, 409...).</li>
 * </ul>
 */
public final class HijackProxy {
  private static final String RAW = "application/vnd.docker.raw-stream";
  private static final int MAX_HEAD = 64 * 1024;

  private final NetClient client;

  public HijackProxy(Vertx vertx) {
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true));
  }

  public void proxy(RoutingContext ctx, HijackTarget target) {
    ctx.request().pause();
    client.connect(target.port(), target.host())
        .compose(node -> node.write(target.request()).compose(v -> readHead(node)).map(head -> {
          answer(ctx, node, head);
          return null;
        }))
        .onFailure(err -> ErrorResponder.send(ctx, new io.wharf.api.WharfException(
            io.wharf.api.ErrorCategory.UNAVAILABLE, "cannot reach node " + target.host() + ":" + target.port()
            + ": " + err.getMessage())));
  }

  /** The node's head and whatever bytes followed it in the same reads. */
  private record HeadAndRest(ResponseHead head, Buffer rest) {}

  private Future<HeadAndRest> readHead(NetSocket node) {
    Promise<HeadAndRest> promise = Promise.promise();
    Buffer acc = Buffer.buffer();
    node.handler(buf -> {
      acc.appendBuffer(buf);
      try {
        ResponseHead head = ResponseHead.parse(acc.getBytes());
        if (head != null) {
          node.pause();
          node.handler(null);
          promise.tryComplete(new HeadAndRest(head, acc.getBuffer(head.length(), acc.length())));
        } else if (acc.length() > MAX_HEAD) {
          promise.tryFail("response head from node too large");
        }
      } catch (IllegalArgumentException e) {
        promise.tryFail(e);
      }
    });
    node.closeHandler(v -> promise.tryFail("node closed the connection before answering"));
    node.exceptionHandler(promise::tryFail);
    return promise.future();
  }

  private void answer(RoutingContext ctx, NetSocket node, HeadAndRest hr) {
    if (hr.head().status() == 101) {
      upgradeClient(ctx, node, hr);
    } else {
      relayError(ctx, node, hr);
    }
  }

  private void upgradeClient(RoutingContext ctx, NetSocket node, HeadAndRest hr) {
    SocketRelay relay = new SocketRelay(node);
    HttpUpgrade.upgrade(ctx.request(), clientHead(ctx, hr.head().header("content-type")), relay::clientInputShutdown)
        .onSuccess(up -> relay.start(up.socket(), hr.rest()))
        .onFailure(err -> node.close());
  }

  /**
   * The head the client gets: 101 when it asked to upgrade, else the pre-upgrade style 200 that
   * old clients expect. API versions below 1.42 always say raw-stream, as dockerd 20.10 did.
   */
  private static String clientHead(RoutingContext ctx, String nodeContentType) {
    String contentType = nodeContentType == null || VersionGate.of(ctx).below(1, 42) ? RAW : nodeContentType;
    String upgrade = ctx.request().getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("tcp") ? HttpUpgrade.head101(contentType)
        : HttpUpgrade.head200(contentType);
  }

  /** Relays a non-101 answer (an error before the upgrade) as a normal response. */
  private void relayError(RoutingContext ctx, NetSocket node, HeadAndRest hr) {
    long length = hr.head().contentLength();
    Buffer body = hr.rest().copy();
    Runnable finish = () -> {
      node.close();
      var resp = ctx.response().setStatusCode(hr.head().status());
      String ct = hr.head().header("content-type");
      if (ct != null) {
        resp.putHeader("Content-Type", ct);
      }
      resp.end(length >= 0 && body.length() > length ? body.getBuffer(0, (int) length) : body);
    };
    if (length >= 0 && body.length() >= length) {
      finish.run();
      return;
    }
    node.handler(buf -> {
      body.appendBuffer(buf);
      if (length >= 0 && body.length() >= length) {
        node.handler(null);
        finish.run();
      }
    });
    node.closeHandler(v -> {
      if (!ctx.response().ended()) {
        finish.run();
      }
    });
    node.resume();
  }
}
