package io.wharf.node.build;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * ADD of an http(s) URL: downloaded to a temp file at every build (as Docker: the content, not the
 * URL, decides whether the cached step still holds); the file takes the name of the URL's last path
 * segment when the destination is a directory, and the Last-Modified time when the server sends one.
 */
final class UrlSource {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** The downloaded bytes in {@code file}; {@code sha256} of them is what the step's cache key uses. */
  record Download(String url, Path file, long mtimeMillis, String sha256) {}

  private UrlSource() {}

  static String fileName(String url) {
    String path = URI.create(url).getPath();
    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    return name.isEmpty() ? "index.html" : name;
  }

  static Download fetch(String url, Path dir) throws IOException, BuildFailure {
    Path file = Files.createTempFile(dir, "add-", ".download");
    try {
      HttpResponse<Path> resp = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET()
          .build(), HttpResponse.BodyHandlers.ofFile(file));
      if (resp.statusCode() != 200) {
        throw new BuildFailure("ADD failed: Get \"" + url + "\": unexpected status " + resp.statusCode());
      }
      long mtime = resp.headers().firstValue("Last-Modified").map(UrlSource::httpDate).orElse(0L);
      return new Download(url, file, mtime, sha256(file));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildFailure("ADD failed: interrupted downloading " + url);
    } catch (IOException | IllegalArgumentException e) {
      Files.deleteIfExists(file);
      throw new BuildFailure("ADD failed: Get \"" + url + "\": " + e.getMessage());
    }
  }

  private static String sha256(Path file) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) != -1; ) {
        sha.update(buf, 0, n);
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long httpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (RuntimeException e) {
      return 0L;
    }
  }
}
