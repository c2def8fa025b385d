package io.wharf.node.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.wharf.api.WharfException;
import io.wharf.node.NodeContext;
import io.wharf.node.exec.ExecRecord;
import io.wharf.node.exec.ExecService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code GET .../exec/{id}/start?detach=} (the gateway turns Docker's body into the query, so the
 * node serves a plain HTTP upgrade as for attach). Detached: 200 once the
 * process runs. Attached (HTTP upgrade): the exec's shim is started first (so errors such as a
 * stopped container still come back as HTTP errors), then the 101, then the process runs with the
 * client connected. A process that cannot start shows the runtime's message on the stream, as
 * dockerd does; the stream closes only after the exit code is recorded.
 */
final class ExecStartRoute {
  private final NodeContext node;
  private final ExecService execs;

  ExecStartRoute(NodeContext node, ExecService execs) {
    this.node = node;
    this.execs = execs;
  }

  void handle(HttpServerRequest req, String execId) {
    start(req, execId, QueryFlags.flag(req.params(), "detach", false));
  }

  private void start(HttpServerRequest req, String execId, boolean detach) {
    if (!detach) {
      String connection = req.getHeader("Connection");
      if (connection == null || !connection.toLowerCase().contains("upgrade")) {
        throw WharfException.invalid("exec start needs an HTTP upgrade (Connection: Upgrade, Upgrade: tcp)");
      }
    }
    ExecRecord r = execs.claim(execId);
    Context context = node.vertx().getOrCreateContext();
    node.workers().executeBlocking(() -> execs.prepare(r), false).onSuccess(socket -> {
      if (detach) {
        node.workers().executeBlocking(() -> {
          execs.release(r, true);
          return null;
        }, false).onSuccess(v -> req.response().setStatusCode(200).putHeader("Content-Length", "0").end())
            .onFailure(t -> NodeHttpServer.error(req, t));
      } else {
        upgrade(req, r, socket, context);
      }
    }).onFailure(t -> NodeHttpServer.error(req, t));
  }

  private void upgrade(HttpServerRequest req, ExecRecord r, Path attachSocket, Context context) {
    boolean tty = r.request().tty();
    req.response()
        .putHeader("Content-Type", tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream")
        .putHeader("Connection", "Upgrade")
        .putHeader("Upgrade", "tcp");
    req.toNetSocket().onSuccess(client -> {
      AttachSession session = new AttachSession(client, context, tty, r.request().attachStdin(),
          r.request().attachStdout(), r.request().attachStderr());
      session.detachOn(DetachKeys.parse(r.request().detachKeys(), "escape keys")); // checked at create
      session.onOutputEnd(() -> execs.awaitFinish(r.id())
          .map(msg -> DockerFrames.encode(tty, DockerFrames.STDOUT, (msg + "\r\n").getBytes(StandardCharsets.UTF_8)))
          .orElse(null));
      HalfClose.enable(client, v -> session.clientEndOfInput());
      client.handler(session::clientData);
      client.closeHandler(v -> session.clientClosed());
      node.workers().executeBlocking(() -> {
        try {
          session.connect(attachSocket);
        } finally {
          execs.release(r, false);
        }
        return null;
      }, false).onFailure(t -> session.fail(t.getMessage()));
    }).onFailure(t -> {
      NodeHttpServer.error(req, t);
      node.workers().executeBlocking(() -> {
        execs.release(r, false);
        return null;
      }, false);
    });
  }
}
