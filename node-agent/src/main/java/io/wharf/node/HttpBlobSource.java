package io.wharf.node;

import io.wharf.api.ErrorCategory;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Streams image blobs from the image-registry-service's internal HTTP endpoint (the registry may run
 * on another host). Blocking: call from a worker thread and close the stream.
 */
public final class HttpBlobSource implements BlobSource {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String registryUrl;
  private final String token;

  public HttpBlobSource(String registryUrl, String token) {
    this.registryUrl = registryUrl;
    this.token = token;
  }

  @Override
  public InputStream open(String digest) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(registryUrl + InternalHttp.blobPath(digest)))
        .header(InternalHttp.TOKEN_HEADER, token)
        .GET().build();
    try {
      HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        resp.body().close();
        throw new WharfException(resp.statusCode() == 404 ? ErrorCategory.NOT_FOUND : ErrorCategory.UNAVAILABLE,
            "cannot fetch layer " + digest + " from the image registry: HTTP " + resp.statusCode());
      }
      return resp.body();
    } catch (IOException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE,
          "cannot fetch layer " + digest + " from the image registry: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WharfException(ErrorCategory.UNAVAILABLE, "interrupted fetching layer " + digest, e);
    }
  }
}
