package io.wharf.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API-version middleware: the first handler of every request. It reads the optional
 * {@code /vX.Y} prefix (routes themselves accept it through {@link RoutePattern}), rejects versions
 * outside what Wharf serves with Docker's 400 message, remembers the version on the routing
 * context for handlers whose output shape depends on it, and puts the headers dockerd sends on
 * every response.
 */
public final class VersionGate implements Handler<RoutingContext> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VersionGate.class);
  private static final String KEY = "wharf.apiVersion";
  private static final Pattern PREFIX = Pattern.compile("^/v([^/]+)(/.*)?$");

  private final String serverHeader;

  /** @param wharfVersion e.g. "0.1.0"; sent as {@code Server: Wharf/<version> (linux)} */
  public VersionGate(String wharfVersion) {
    this.serverHeader = "Wharf/" + wharfVersion + " (linux)";
  }

  @Override
  public void handle(RoutingContext ctx) {
    addStandardHeaders(ctx.response());
    if (LOG.isDebugEnabled()) {
      logTiming(ctx);
    }
    ApiVersion version;
    try {
      version = versionOf(ctx.request().path());
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    ctx.put(KEY, version);
    ctx.next();
  }

  /** The version the client asked for; {@link ApiVersion#MAX} when the path has no prefix. */
  public static ApiVersion of(RoutingContext ctx) {
    ApiVersion v = ctx.get(KEY);
    return v != null ? v : ApiVersion.MAX;
  }

  /** Parses and checks the version prefix of a request path. */
  static ApiVersion versionOf(String path) {
    Matcher m = PREFIX.matcher(path == null ? "" : path);
    if (!m.matches() || !Character.isDigit(m.group(1).charAt(0))) {
      return ApiVersion.MAX;
    }
    ApiVersion asked = ApiVersion.parse(m.group(1));
    if (asked.compareTo(ApiVersion.MIN) < 0 && asked.atLeast(1, 12) && m.group(2) != null
        && OLD_CLIENT_PATHS.matcher(m.group(2)).matches()) {
      return ApiVersion.MIN;
    }
    return asked.requireSupported();
  }

  /**
   * The image-archive calls of containers/image's docker-daemon transport (skopeo, podman, buildah
   * copy from/to "docker-daemon:"), which pins API 1.22: served as {@link ApiVersion#MIN}, since
   * their shapes did not change since then. Every other old-version request still gets dockerd's 400.
   */
  private static final Pattern OLD_CLIENT_PATHS = Pattern.compile(
      "/(_ping|version|images/get|images/load|images/[^/]+(/[^/]+)*/(get|json))");

  /** Debug: one line per request with its status and time to the response's end (profiling). */
  private static void logTiming(RoutingContext ctx) {
    long start = System.nanoTime();
    String what = ctx.request().method() + " " + ctx.request().uri();
    ctx.response().endHandler(v -> LOG.debug("{} -> {} in {} ms", what, ctx.response().getStatusCode(),
        (System.nanoTime() - start) / 1_000_000));
  }

  private void addStandardHeaders(HttpServerResponse resp) {
    resp.putHeader("Api-Version", ApiVersion.MAX.toString())
        .putHeader("Docker-Experimental", "false")
        .putHeader("Ostype", "linux")
        .putHeader("Server", serverHeader);
  }
}
