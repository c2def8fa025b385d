package io.wharf.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * Relays bytes between a hijacked client socket and a node socket, with back-pressure each way.
 * Closing rules (Docker's attach semantics):
 * <ul>
 *   <li>client shuts down its write side (stdin EOF): once everything it sent has been written to
 *       the node, the node socket's write side is shut down too; output keeps flowing back;</li>
 *   <li>node closes (process exited): everything received is flushed to the client, then the
 *       client socket is closed;</li>
 *   <li>client closes (detach, ctrl-c): the node socket is closed.</li>
 * </ul>
 * All methods run on the event loop of the sockets.
 */
final class SocketRelay {
  private final NetSocket node;
  private NetSocket client;
  private Future<Void> lastToNode = Future.succeededFuture();
  private Future<Void> lastToClient = Future.succeededFuture();
  private boolean clientEofBeforeStart;

  SocketRelay(NetSocket node) {
    this.node = node;
  }

  /** Starts relaying; {@code pending} are node bytes that arrived together with its response head. */
  void start(NetSocket client, Buffer pending) {
    this.client = client;
    if (pending.length() > 0) {
      lastToClient = client.write(pending);
    }
    pump(client, node, true);
    pump(node, client, false);
    node.closeHandler(v -> lastToClient.onComplete(ar -> client.close()));
    client.closeHandler(v -> node.close());
    node.exceptionHandler(err -> node.close());
    client.exceptionHandler(err -> client.close());
    if (clientEofBeforeStart) {
      clientInputShutdown();
    }
    node.resume();
    client.resume();
  }

  /** The client half-closed: forward the EOF to the node after the bytes already sent. */
  void clientInputShutdown() {
    if (client == null) {
      clientEofBeforeStart = true;
      return;
    }
    lastToNode.onComplete(ar -> HttpUpgrade.shutdownOutput(node));
  }

  private void pump(NetSocket from, NetSocket to, boolean toNode) {
    from.handler(buf -> {
      Future<Void> written = to.write(buf);
      if (toNode) {
        lastToNode = written;
      } else {
        lastToClient = written;
      }
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(v -> from.resume());
      }
    });
  }
}
