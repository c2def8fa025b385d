package io.wharf.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.ErrorCategory;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import java.util.Locale;
import java.util.Set;

/**
 * Proxies one Docker request to an internal HTTP endpoint (a node's logs/wait, the registry's
 * load/import/get) and streams the answer back: the request body is forwarded with
 * back-pressure, the upstream head (status, headers) is sent to the client as soon as it arrives
 * (a {@code docker run} blocks until it has the wait head), and each body chunk is written,
 * and so flushed, as it comes. If the client goes away the upstream request is reset.
 */
public final class StreamProxy {
  /** Headers that describe one hop's framing, not the content: never copied. */
  private static final Set<String> HOP_HEADERS = Set.of("connection", "keep-alive", "transfer-encoding",
      "content-length", "upgrade", "te", "trailer", "proxy-authenticate", "proxy-authorization", "date",
      "server", "api-version", "docker-experimental", "ostype", InternalHttp.TOKEN_HEADER.toLowerCase(Locale.ROOT));
  /** Request headers worth passing on to the service. */
  private static final Set<String> FORWARDED_REQUEST = Set.of("content-type", "x-registry-auth", "content-encoding",
      "x-registry-config");

  private final HttpClient client;

  public StreamProxy(Vertx vertx) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(64));
  }

  /**
   * @param url absolute URL of the internal endpoint, with the query string
   * @param withBody forward the client's request body (load, import); otherwise send none
   */
  public void forward(RoutingContext ctx, HttpMethod method, String url, String token, boolean withBody) {
    forward(ctx, method, url, token, withBody, true);
  }

  /**
   * @param keepContentType false to drop the upstream Content-Type (dockerd before API 1.42 sent
   *     none on logs)
   */
  public void forward(RoutingContext ctx, HttpMethod method, String url, String token, boolean withBody,
      boolean keepContentType) {
    HttpServerRequest in = ctx.request();
    in.pause();
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url);
    if (token != null) {
      options.putHeader(InternalHttp.TOKEN_HEADER, token);
    }
    copyRequestHeaders(in.headers(), options);
    client.request(options)
        .compose(up -> {
          ctx.response().closeHandler(v -> up.reset());
          if (withBody) {
            up.setChunked(true);
            return up.send(in);
          }
          in.resume();
          return up.send();
        })
        .onSuccess(upResp -> relayResponse(ctx.response(), upResp, keepContentType))
        .onFailure(err -> ErrorResponder.send(ctx, unreachable(url, err)));
  }

  private static void copyRequestHeaders(MultiMap from, RequestOptions to) {
    from.forEach(e -> {
      if (FORWARDED_REQUEST.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        to.addHeader(e.getKey(), e.getValue());
      }
    });
  }

  private static void relayResponse(HttpServerResponse out, HttpClientResponse upResp, boolean keepContentType) {
    if (out.closed()) {
      upResp.request().reset();
      return;
    }
    out.setStatusCode(upResp.statusCode());
    upResp.headers().forEach(e -> {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      boolean dropped = HOP_HEADERS.contains(name) || (!keepContentType && name.equals("content-type")
          && upResp.statusCode() < 300);
      if (!dropped) {
        out.headers().add(e.getKey(), e.getValue());
      }
    });
    int status = upResp.statusCode();
    boolean bodyless = status == 204 || status == 304;
    if (!bodyless) {
      out.setChunked(true);
    }
    out.writeHead();
    upResp.pipeTo(out);
  }

  private static WharfException unreachable(String url, Throwable err) {
    if (err instanceof WharfException w) {
      return w;
    }
    return new WharfException(ErrorCategory.UNAVAILABLE, "cannot reach " + stripQuery(url) + ": " + err.getMessage());
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
