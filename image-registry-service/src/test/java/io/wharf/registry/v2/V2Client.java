package io.wharf.registry.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A plain HTTP/1.1 client for /v2 tests: every call returns the whole response. */
public final class V2Client {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private String authorization;

  public V2Client(String base) {
    this.base = base;
  }

  public V2Client withAuthorization(String value) {
    V2Client c = new V2Client(base);
    c.authorization = value;
    return c;
  }

  /** The Authorization header this client sends, or null. */
  public String authorization() {
    return authorization;
  }

  public String base() {
    return base;
  }

  public HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, Map.of());
  }

  public HttpResponse<byte[]> head(String path) throws IOException, InterruptedException {
    return send("HEAD", path, null, Map.of());
  }

  public HttpResponse<byte[]> delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null, Map.of());
  }

  /** The first error code of an OCI error body. */
  public static String errorCode(HttpResponse<byte[]> r) {
    JsonNode n = json(r);
    return n.path("errors").path(0).path("code").asText();
  }

  public static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(r.body()), e);
    }
  }

  public static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }
}
