package io.wharf.registry.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal /v2 client for one upstream: GET manifests and blobs, with Basic credentials or the
 * Docker token flow (on a 401 Bearer challenge: fetch a token from the realm, with the
 * credentials when configured, cache it per scope, retry once). Blocking.
 */
public final class UpstreamClient {
  static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  static final String NO_CREDENTIALS = "no basic auth credentials";
  /** How long a registry may take to answer a request's head (a hung registry fails after this). */
  static final Duration HEAD_TIMEOUT = Duration.ofSeconds(Long.getLong("wharf.registry.headTimeoutSeconds", 60));
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final Upstream upstream;
  private final HttpClient http;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  public UpstreamClient(Upstream upstream) {
    this.upstream = upstream;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
  }

  public Upstream upstream() {
    return upstream;
  }

  /** A manifest as the upstream serves it. */
  public record Fetched(byte[] bytes, String contentType) {}

  /** The manifest, or null when the upstream says 404. UNAVAILABLE when it cannot be reached. */
  public Fetched manifest(String remoteRepo, String reference) {
    HttpResponse<InputStream> r = get("/v2/" + remoteRepo + "/manifests/" + reference, remoteRepo, ACCEPT);
    try (InputStream body = r.body()) {
      if (r.statusCode() == 404) {
        return null;
      }
      requireOk(r, remoteRepo, reference);
      return new Fetched(body.readAllBytes(), r.headers().firstValue("Content-Type").orElse(null));
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /**
   * Every tag of {@code remoteRepo} ({@code GET tags/list}, following the {@code Link} header of
   * paginated answers), for {@code docker pull --all-tags}; null when the upstream says 404.
   */
  public java.util.List<String> tags(String remoteRepo) {
    java.util.List<String> all = new java.util.ArrayList<>();
    String next = "/v2/" + remoteRepo + "/tags/list";
    while (next != null) {
      HttpResponse<InputStream> r = get(next, remoteRepo, "application/json");
      try (InputStream body = r.body()) {
        if (r.statusCode() == 404) {
          return null;
        }
        requireOk(r, remoteRepo, "tags/list");
        JsonNode tags = Json.MAPPER.readTree(body).path("tags");
        tags.forEach(t -> all.add(t.asText()));
        next = r.headers().firstValue("Link").map(UpstreamClient::linkTarget).orElse(null);
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
    return all;
  }

  /** {@code </v2/x/tags/list?n=2&last=b>; rel="next"} -> the path between the angle brackets. */
  private static String linkTarget(String link) {
    int open = link.indexOf('<');
    int close = link.indexOf('>', open + 1);
    return open < 0 || close < 0 || !link.contains("rel=\"next\"") ? null : link.substring(open + 1, close);
  }

  /**
   * The blob's bytes (the caller closes the stream), or null on 404. Read with a blocking
   * connection in the caller's thread (the java.net.http client funnels every body through one
   * selector thread, which halves the throughput of parallel layer downloads); a body that stalls
   * for {@link #HEAD_TIMEOUT} fails the read. A 401 goes through the challenge flow of
   * {@link #exchange}.
   */
  public InputStream blob(String remoteRepo, String digest) {
    String path = "/v2/" + remoteRepo + "/blobs/" + digest;
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri(path).toURL().openConnection();
      c.setConnectTimeout(10_000);
      c.setReadTimeout((int) HEAD_TIMEOUT.toMillis());
      String auth = authorization("repository:" + remoteRepo + ":pull");
      if (auth != null) {
        c.setRequestProperty("Authorization", auth);
      }
      int status = c.getResponseCode();
      if (status == 200) {
        return c.getInputStream();
      }
      c.disconnect();
      if (status == 404) {
        return null;
      }
    } catch (IOException e) {
      throw unavailable(e);
    }
    return blobViaExchange(remoteRepo, digest);
  }

  /**
   * The blob's bytes from {@code offset} on (a Range request, to resume a broken download), or
   * null when the registry does not answer 206 with that range.
   */
  public InputStream blobFrom(String remoteRepo, String digest, long offset) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri("/v2/" + remoteRepo + "/blobs/" + digest)
        .toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout((int) HEAD_TIMEOUT.toMillis());
    c.setRequestProperty("Range", "bytes=" + offset + "-");
    String auth = authorization("repository:" + remoteRepo + ":pull");
    if (auth != null) {
      c.setRequestProperty("Authorization", auth);
    }
    String range = c.getResponseCode() == 206 ? c.getHeaderField("Content-Range") : null;
    if (range == null || !range.startsWith("bytes " + offset + "-")) {
      c.disconnect();
      return null;
    }
    return c.getInputStream();
  }

  private InputStream blobViaExchange(String remoteRepo, String digest) {
    HttpResponse<InputStream> r = get("/v2/" + remoteRepo + "/blobs/" + digest, remoteRepo, "*/*");
    if (r.statusCode() == 404) {
      close(r);
      return null;
    }
    requireOk(r, remoteRepo, digest);
    return r.body();
  }

  /** True when the upstream has blob {@code digest} in {@code remoteRepo} (HEAD), with push credentials. */
  public boolean hasBlob(String remoteRepo, String digest) {
    HttpResponse<InputStream> r = exchange("HEAD", "/v2/" + remoteRepo + "/blobs/" + digest, pushScope(remoteRepo),
        Map.of(), HttpRequest.BodyPublishers.noBody());
    close(r);
    return r.statusCode() == 200;
  }

  /** Uploads {@code file} as blob {@code digest}: POST a session, PUT the bytes with ?digest=. */
  public void uploadBlob(String remoteRepo, String digest, java.nio.file.Path file) {
    String scope = pushScope(remoteRepo);
    HttpResponse<InputStream> start = exchange("POST", "/v2/" + remoteRepo + "/blobs/uploads/", scope, Map.of(),
        HttpRequest.BodyPublishers.noBody());
    close(start);
    String location = start.headers().firstValue("Location").orElse(null);
    if (start.statusCode() != 202 || location == null) {
      throw failed("starting an upload to " + remoteRepo, start);
    }
    String url = location.startsWith("http") ? location : upstream.url() + location;
    url += (url.contains("?") ? "&" : "?") + "digest=" + enc(digest);
    HttpResponse<InputStream> put;
    try {
      put = exchange("PUT", url, scope, Map.of("Content-Type", "application/octet-stream"),
          HttpRequest.BodyPublishers.ofFile(file));
    } catch (java.io.FileNotFoundException e) {
      throw unavailable(e);
    }
    close(put);
    if (put.statusCode() != 201) {
      throw failed("uploading " + digest + " to " + remoteRepo, put);
    }
  }

  /**
   * Cross-repository mount: asks the registry to link blob {@code digest} of {@code fromRepo}
   * into {@code remoteRepo} without an upload. True when it did (201); false otherwise (a 202
   * upload session it opened instead is left to expire).
   */
  public boolean mountBlob(String remoteRepo, String digest, String fromRepo) {
    HttpResponse<InputStream> r = exchange("POST", "/v2/" + remoteRepo + "/blobs/uploads/?mount=" + enc(digest)
        + "&from=" + enc(fromRepo), pushScope(remoteRepo), Map.of(), HttpRequest.BodyPublishers.noBody());
    close(r);
    return r.statusCode() == 201;
  }

  /** PUTs manifest bytes under {@code reference}; returns the digest the upstream reports. */
  public String putManifest(String remoteRepo, String reference, byte[] bytes, String mediaType) {
    HttpResponse<InputStream> r = exchange("PUT", "/v2/" + remoteRepo + "/manifests/" + reference,
        pushScope(remoteRepo), Map.of("Content-Type", mediaType), HttpRequest.BodyPublishers.ofByteArray(bytes));
    close(r);
    if (r.statusCode() != 201) {
      throw failed("pushing the manifest of " + remoteRepo + ":" + reference, r);
    }
    return r.headers().firstValue("Docker-Content-Digest").orElse(null);
  }

  /**
   * {@code GET /v2/} with the credentials (Basic, or a Bearer token fetched with them): the
   * status the registry finally answers; 401 when the token service refuses them.
   */
  public int ping() {
    try {
      HttpResponse<InputStream> r = exchange("GET", "/v2/", "", Map.of(), HttpRequest.BodyPublishers.noBody());
      close(r);
      return r.statusCode();
    } catch (WharfException e) {
      if (e.category() == ErrorCategory.PERMISSION_DENIED || e.getMessage().endsWith(NO_CREDENTIALS)) {
        return 401;
      }
      throw e;
    }
  }

  private static String pushScope(String remoteRepo) {
    return "repository:" + remoteRepo + ":pull,push";
  }

  private WharfException failed(String what, HttpResponse<InputStream> r) {
    ErrorCategory c = r.statusCode() == 401 || r.statusCode() == 403
        ? ErrorCategory.PERMISSION_DENIED : ErrorCategory.UNAVAILABLE;
    return new WharfException(c, (c == ErrorCategory.PERMISSION_DENIED ? "denied: " : "")
        + upstream.url() + " answered " + r.statusCode() + " " + what);
  }

  private HttpResponse<InputStream> get(String path, String remoteRepo, String accept) {
    return exchange("GET", path, "repository:" + remoteRepo + ":pull", Map.of("Accept", accept),
        HttpRequest.BodyPublishers.noBody());
  }

  /**
   * One request with the credentials for {@code scope}; on a 401 Bearer challenge a token is
   * fetched and the request sent once more ({@code body} must be replayable).
   */
  HttpResponse<InputStream> exchange(String method, String pathOrUrl, String scope, Map<String, String> headers,
      HttpRequest.BodyPublisher body) {
    HttpResponse<InputStream> r = send(method, pathOrUrl, headers, body, authorization(scope));
    if (r.statusCode() == 401) {
      String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
      close(r);
      if (challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
        tokens.put(scope, fetchToken(challenge, scope));
        r = send(method, pathOrUrl, headers, body, authorization(scope));
      } else if (!upstream.hasCredentials()) {
        throw new WharfException(ErrorCategory.INTERNAL, capitalized(method) + " \"" + uri(pathOrUrl) + "\": "
            + NO_CREDENTIALS);
      }
    }
    if (r.statusCode() == 401) {
      close(r);
      throw new WharfException(ErrorCategory.PERMISSION_DENIED, capitalized(method) + " \"" + uri(pathOrUrl)
          + "\": unauthorized: authentication required");
    }
    return r;
  }

  private String authorization(String scope) {
    String token = tokens.get(scope);
    if (token != null) {
      return "Bearer " + token;
    }
    return upstream.hasCredentials() ? basic() : null;
  }

  private String fetchToken(String challenge, String scope) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, "upstream " + upstream.url() + " sent a Bearer challenge without realm");
    }
    String wanted = params.getOrDefault("scope", scope);
    String query = "?" + (wanted.isEmpty() ? "" : "scope=" + enc(wanted) + "&")
        + (upstream.hasCredentials() ? "account=" + enc(upstream.username()) + "&" : "")
        + (params.containsKey("service") ? "service=" + enc(params.get("service")) : "");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(realm + query)).timeout(Duration.ofSeconds(30)).GET();
    if (upstream.hasCredentials()) {
      b.header("Authorization", basic());
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = Json.MAPPER.readTree(r.body());
      String token = body.path("token").asText(body.path("access_token").asText(""));
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        throw new WharfException(ErrorCategory.PERMISSION_DENIED, "Get \"" + realm + "\": unauthorized: "
            + "incorrect username or password");
      }
      if (r.statusCode() != 200 || token.isEmpty()) {
        throw new WharfException(ErrorCategory.UNAVAILABLE, "upstream token service " + realm
            + " answered " + r.statusCode());
      }
      return token;
    } catch (IOException e) {
      throw unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    }
  }

  private HttpResponse<InputStream> send(String method, String pathOrUrl, Map<String, String> headers,
      HttpRequest.BodyPublisher body, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl)).method(method, body)
        .timeout(method.equals("PUT") || method.equals("PATCH") ? Duration.ofMinutes(30) : HEAD_TIMEOUT);
    headers.forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    }
  }

  private URI uri(String pathOrUrl) {
    return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(upstream.url() + pathOrUrl);
  }

  private static String capitalized(String method) {
    return method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  void requireOk(HttpResponse<InputStream> r, String repo, String ref) {
    if (r.statusCode() != 200) {
      close(r);
      ErrorCategory c = r.statusCode() == 403 ? ErrorCategory.PERMISSION_DENIED : ErrorCategory.UNAVAILABLE;
      throw new WharfException(c, "upstream " + upstream.url()
          + " answered " + r.statusCode() + " for " + repo + "@" + ref);
    }
  }

  private String basic() {
    String creds = upstream.username() + ":" + (upstream.password() == null ? "" : upstream.password());
    return "Basic " + Base64.getEncoder().encodeToString(creds.getBytes(StandardCharsets.UTF_8));
  }

  WharfException unavailable(Exception e) {
    return new WharfException(ErrorCategory.UNAVAILABLE, "upstream " + upstream.url()
        + " unreachable: " + describe(e), e);
  }

  /** The first non-empty message along the cause chain, else the exception's class name (never "null"). */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "no such host";
      }
      if (t instanceof java.net.http.HttpConnectTimeoutException || t instanceof java.net.SocketTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof java.net.ConnectException) {
        return "connection refused (no route to the registry from this daemon)";
      }
    }
    return e.getClass().getSimpleName();
  }

  static void close(HttpResponse<InputStream> r) {
    try {
      r.body().close();
    } catch (IOException ignored) {
      // nothing to release beyond the connection
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
