package io.wharf.node.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.wharf.api.WharfException;
import io.wharf.node.ContainerRecord;
import io.wharf.node.NodeContext;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET .../attach?stdin=&stdout=&stderr=&detachKeys=} with an HTTP upgrade: joins the client
 * to the container's stdio (on a tty, the detach keys, default ctrl-p ctrl-q, end the attach). Before the container starts the session waits in the {@link AttachHub}.
 */
final class AttachRoute {
  private final NodeContext node;

  /** How long the end of an attach stream waits for the container's exit to be recorded. */
  private static final int EXIT_GRACE_SECONDS = 3;

  AttachRoute(NodeContext node) {
    this.node = node;
  }

  void handle(HttpServerRequest req, String id) {
    ContainerRecord r = node.store().require(id);
    String connection = req.getHeader("Connection");
    if (connection == null || !connection.toLowerCase().contains("upgrade")) {
      throw WharfException.invalid("attach needs an HTTP upgrade (Connection: Upgrade, Upgrade: tcp)");
    }
    boolean tty = r.effective().tty();
    boolean stdin = QueryFlags.flag(req.params(), "stdin", false);
    boolean stdout = QueryFlags.flag(req.params(), "stdout", false);
    boolean stderr = QueryFlags.flag(req.params(), "stderr", false);
    byte[] detachKeys = DetachKeys.parse(req.getParam("detachKeys"), "detach keys");
    Context context = node.vertx().getOrCreateContext();
    req.response()
        .putHeader("Content-Type", tty ? "application/vnd.docker.raw-stream"
            : "application/vnd.docker.multiplexed-stream")
        .putHeader("Connection", "Upgrade")
        .putHeader("Upgrade", "tcp");
    req.toNetSocket().onSuccess(socket -> {
      announce(r);
      AttachSession session = new AttachSession(socket, context, tty, stdin, stdout, stderr);
      session.onOutputEnd(() -> awaitRecordedExit(id));
      session.detachOn(detachKeys);
      HalfClose.enable(socket, v -> session.clientEndOfInput());
      socket.handler(session::clientData);
      socket.closeHandler(v -> session.clientClosed());
      if (!node.attachHub().await(id, session)) {
        node.workers().executeBlocking(() -> {
          node.attachHub().connectNow(id, session);
          return null;
        }, false).onFailure(t -> session.fail(t.getMessage()));
      }
    }).onFailure(t -> NodeHttpServer.error(req, t));
  }

  /**
   * Holds the end of the stream until the container's exit is recorded (at most a few seconds):
   * a client that sees the attach end and then removes the container (docker-py's attach then
   * remove) must not find it still running, as with dockerd, which closes the streams while it
   * handles the exit. Runs on the session's output thread; returns no trailing bytes.
   */
  private io.vertx.core.buffer.Buffer awaitRecordedExit(String id) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(EXIT_GRACE_SECONDS);
    while (System.nanoTime() < deadline) {
      ContainerRecord now = node.store().get(id).orElse(null);
      if (now == null || !now.state().isLive() || now.state() == io.wharf.api.container.ContainerState.RESTARTING) {
        return null;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** The "attach" container event Docker emits for every attach, with the usual attributes. */
  private void announce(ContainerRecord r) {
    Map<String, String> attrs = new HashMap<>();
    if (r.effective().labels() != null) {
      attrs.putAll(r.effective().labels());
    }
    attrs.put("image", r.requested().image());
    attrs.put("name", r.name());
    node.cluster().event("container", "attach", r.id(), attrs);
  }
}
