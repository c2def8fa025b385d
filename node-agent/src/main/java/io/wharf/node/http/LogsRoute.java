package io.wharf.node.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wharf.node.ContainerRecord;
import io.wharf.node.NodeContext;
import io.wharf.node.runtime.LogQuery;
import io.wharf.node.runtime.LogReader;
import io.wharf.node.runtime.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET .../logs?stdout=&stderr=&follow=&tail=&since=&until=&timestamps=}: the container's log,
 * one multiplexed frame per record (raw bytes for a TTY container). With follow the response stays
 * open until the container stops and every record has been sent, or the client goes away.
 */
final class LogsRoute {
  private static final int MAX_WRITES_IN_FLIGHT = 256;

  private final NodeContext node;

  LogsRoute(NodeContext node) {
    this.node = node;
  }

  void handle(HttpServerRequest req, String id) {
    ContainerRecord r = node.store().require(id);
    boolean stdout = QueryFlags.flag(req.params(), "stdout", false);
    boolean stderr = QueryFlags.flag(req.params(), "stderr", false);
    boolean timestamps = QueryFlags.flag(req.params(), "timestamps", false);
    boolean follow = QueryFlags.flag(req.params(), "follow", false);
    LogQuery query = LogQuery.of(req.getParam("tail"), req.getParam("since"), req.getParam("until"), follow);
    boolean tty = r.effective().tty();

    HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type",
        tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream");
    resp.writeHead();
    AtomicBoolean cancelled = new AtomicBoolean();
    resp.closeHandler(v -> cancelled.set(true));
    Context context = node.vertx().getOrCreateContext();
    Semaphore inFlight = new Semaphore(MAX_WRITES_IN_FLIGHT);
    node.workers().executeBlocking(() -> {
      new LogReader(node.paths().containerLog(id)).stream(query, rec -> {
        if (!wanted(rec, stdout, stderr)) {
          return;
        }
        Buffer out = encode(rec, tty, timestamps);
        inFlight.acquireUninterruptibly();
        context.runOnContext(v -> resp.write(out).onComplete(ar -> inFlight.release()));
      }, () -> !node.store().get(id).map(c -> c.state().isLive()).orElse(false), cancelled);
      inFlight.acquireUninterruptibly(MAX_WRITES_IN_FLIGHT);
      return null;
    }, false).onComplete(ar -> {
      if (!cancelled.get()) {
        resp.end();
      }
    });
  }

  private static boolean wanted(LogRecord rec, boolean stdout, boolean stderr) {
    return "stderr".equals(rec.stream()) ? stderr : stdout;
  }

  private static Buffer encode(LogRecord rec, boolean tty, boolean timestamps) {
    byte[] payload = rec.bytes();
    if (timestamps) {
      byte[] prefix = (Timestamps.rfc3339Nano(rec.timeNanos()) + " ").getBytes(StandardCharsets.UTF_8);
      byte[] joined = new byte[prefix.length + payload.length];
      System.arraycopy(prefix, 0, joined, 0, prefix.length);
      System.arraycopy(payload, 0, joined, prefix.length, payload.length);
      payload = joined;
    }
    int stream = "stderr".equals(rec.stream()) ? DockerFrames.STDERR : DockerFrames.STDOUT;
    return DockerFrames.encode(tty, stream, payload);
  }
}
