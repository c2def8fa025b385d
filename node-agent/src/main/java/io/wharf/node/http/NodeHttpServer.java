package io.wharf.node.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import io.wharf.node.NodeContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's internal HTTP endpoint for byte streams (see {@link InternalHttp}): container logs,
 * attach and wait, answered as the Docker Engine API answers them. The gateway proxies to it.
 * Every request must carry the cluster token.
 */
public final class NodeHttpServer {
  private static final Pattern ROUTE = Pattern.compile(
      "^" + Pattern.quote(InternalHttp.PREFIX) + "/containers/([0-9a-f]{64})/(logs|attach|wait|stats|archive|export|changes|commit)$");
  private static final Pattern EXEC_ROUTE = Pattern.compile(
      "^" + Pattern.quote(InternalHttp.PREFIX) + "/exec/([0-9a-f]{64})/start$");

  private final NodeContext node;
  private final String token;
  private final WaitRoute wait;
  private final AttachRoute attach;
  private final LogsRoute logs;
  private final ExecStartRoute execStart;
  private final StatsRoute stats;
  private final ArchiveRoute archive;
  private BuildRoute build;

  /**
   * @param execs serves exec start; null leaves it out (tests of the other routes)
   * @param files serves docker cp, export, diff and commit; null leaves them out
   */
  public NodeHttpServer(NodeContext node, String token, io.wharf.node.exec.ExecService execs,
      io.wharf.node.ContainerFilesystem files) {
    this.execStart = execs == null ? null : new ExecStartRoute(node, execs);
    this.node = node;
    this.token = token;
    this.wait = new WaitRoute(node);
    this.attach = new AttachRoute(node);
    this.logs = new LogsRoute(node);
    this.stats = new StatsRoute(node);
    this.archive = files == null ? null : new ArchiveRoute(node, files, token);
  }

  /** Serves {@code POST /internal/v1/build} (docker build) with {@code builder}. */
  public NodeHttpServer withBuilder(io.wharf.node.build.NodeBuilder builder) {
    this.build = new BuildRoute(node, builder);
    return this;
  }

  /** Listens on host:port (0 = any free port) and returns the server, whose actualPort() to advertise. */
  public Future<HttpServer> listen(String host, int port) {
    return node.vertx().createHttpServer().requestHandler(this::handle).listen(port, host);
  }

  private void handle(HttpServerRequest req) {
    if (!token.equals(req.getHeader(InternalHttp.TOKEN_HEADER))) {
      error(req, new WharfException(io.wharf.api.ErrorCategory.PERMISSION_DENIED, "missing or wrong cluster token"));
      return;
    }
    if (build != null && req.path().equals(InternalHttp.BUILD_PATH)) {
      expect(req, HttpMethod.POST, () -> build.handle(req));
      return;
    }
    Matcher exec = EXEC_ROUTE.matcher(req.path());
    if (exec.matches() && execStart != null) {
      try {
        expect(req, HttpMethod.GET, () -> execStart.handle(req, exec.group(1)));
      } catch (RuntimeException e) {
        error(req, WharfException.of(e));
      }
      return;
    }
    Matcher m = ROUTE.matcher(req.path());
    if (!m.matches()) {
      error(req, WharfException.notFound("page not found"));
      return;
    }
    String id = m.group(1);
    try {
      switch (m.group(2)) {
        case "wait" -> expect(req, HttpMethod.POST, () -> wait.handle(req, id));
        case "attach" -> expect(req, HttpMethod.GET, () -> attach.handle(req, id));
        case "stats" -> expect(req, HttpMethod.GET, () -> stats.handle(req, id));
        case "archive" -> archive(req, id);
        case "export" -> expect(req, HttpMethod.GET, () -> archive.export(req, id));
        case "changes" -> expect(req, HttpMethod.GET, () -> archive.changes(req, id));
        case "commit" -> expect(req, HttpMethod.POST, () -> archive.commit(req, id));
        default -> expect(req, HttpMethod.GET, () -> logs.handle(req, id));
      }
    } catch (RuntimeException e) {
      error(req, WharfException.of(e));
    }
  }

  private void archive(HttpServerRequest req, String id) {
    if (req.method().equals(HttpMethod.HEAD)) {
      archive.head(req, id);
    } else if (req.method().equals(HttpMethod.PUT)) {
      archive.put(req, id);
    } else {
      expect(req, HttpMethod.GET, () -> archive.get(req, id));
    }
  }

  private static void expect(HttpServerRequest req, HttpMethod method, Runnable route) {
    if (!req.method().equals(method)) {
      error(req, WharfException.notFound("page not found"));
      return;
    }
    route.run();
  }

  /** Writes Docker's error body; the category's code is the HTTP status. */
  static void error(HttpServerRequest req, Throwable t) {
    WharfException w = WharfException.of(t);
    if (req.response().headWritten()) {
      req.response().reset();
      return;
    }
    req.response().setStatusCode(w.category().code())
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", w.getMessage()).encode());
  }
}
