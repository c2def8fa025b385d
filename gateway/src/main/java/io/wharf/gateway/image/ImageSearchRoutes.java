package io.wharf.gateway.image;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.QueryArgs;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * {@code GET /images/search} (docker search): asks the index {@link ImageSearch} names, on a worker
 * thread, with short timeouts: a daemon without a route to Docker Hub answers within seconds with
 * dockerd's shape of error ({@code Get "https://index.docker.io/v1/search?q=x&n=25": ...}) instead
 * of hanging the CLI.
 */
public final class ImageSearchRoutes {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(Long.getLong("wharf.search.connectTimeoutSeconds", 5));
  static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("wharf.search.timeoutSeconds", 15));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  public void mount(Router r) {
    r.getWithRegex(regex("/images/search")).handler(this::search);
  }

  void search(RoutingContext ctx) {
    ImageSearch.Query query;
    try {
      QueryArgs q = new QueryArgs(ctx.queryParams());
      query = ImageSearch.parse(q.string("term"), q.integer("limit"), q.string("filters"));
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    ctx.vertx().executeBlocking(() -> ImageSearch.results(fetch(query), query.filters()), false)
        .onSuccess(results -> DockerResponses.json(ctx, 200, results))
        .onFailure(t -> ErrorResponder.send(ctx, t));
  }

  /** The index's JSON answer; UNAVAILABLE naming the URL and the reason when it cannot be had. */
  private JsonObject fetch(ImageSearch.Query query) {
    String prefix = "Get \"" + query.url() + "\": ";
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(query.url()).timeout(TIMEOUT)
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new WharfException(ErrorCategory.UNAVAILABLE, prefix + "unexpected status code " + r.statusCode()
            + " from " + query.index() + " (it offers no search)");
      }
      return new JsonObject(r.body());
    } catch (UnknownHostException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, prefix + "dial tcp: lookup " + query.index() + ": no such host");
    } catch (HttpTimeoutException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, prefix + "timed out: " + query.index() + " cannot be reached");
    } catch (ConnectException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, prefix + "connection to " + query.index() + " failed: "
          + (e.getMessage() == null ? "connection refused" : e.getMessage()));
    } catch (IOException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, prefix + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WharfException(ErrorCategory.UNAVAILABLE, prefix + "interrupted");
    } catch (io.vertx.core.json.DecodeException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, prefix + "the index answered no JSON");
    }
  }
}
