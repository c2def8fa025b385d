package io.wharf.registry.archive;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * The archive of {@code docker import URL}: dockerd fetches {@code fromSrc} itself (a URL without
 * scheme means http), so does the registry service. Blocking; the caller closes the stream.
 */
public final class ImportSource {
  static final int CONNECT_TIMEOUT_MS = 10_000;
  static final int READ_TIMEOUT_MS = 60_000;

  private ImportSource() {}

  /** The URL dockerd would fetch for {@code fromSrc}; INVALID_ARGUMENT when it is no http(s) URL. */
  public static URL url(String fromSrc) {
    String s = fromSrc.contains("://") ? fromSrc : "http://" + fromSrc;
    try {
      URI u = new URI(s);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw WharfException.invalid("import source " + fromSrc + " is not an http(s) URL");
      }
      return u.toURL();
    } catch (java.net.URISyntaxException | java.net.MalformedURLException | IllegalArgumentException e) {
      throw WharfException.invalid("invalid import source " + fromSrc + ": " + e.getMessage());
    }
  }

  /** The body of a 200 answer; otherwise dockerd's "failed to GET url with status 404 Not Found". */
  public static InputStream open(URL url) {
    try {
      HttpURLConnection c = (HttpURLConnection) url.openConnection();
      c.setConnectTimeout(CONNECT_TIMEOUT_MS);
      c.setReadTimeout(READ_TIMEOUT_MS);
      c.setInstanceFollowRedirects(true);
      int status = c.getResponseCode();
      if (status != 200) {
        c.disconnect();
        throw new WharfException(status == 404 ? ErrorCategory.NOT_FOUND : ErrorCategory.UNAVAILABLE,
            "failed to GET " + url + " with status " + status + " " + (c.getResponseMessage() == null ? ""
                : c.getResponseMessage()));
      }
      return c.getInputStream();
    } catch (IOException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, "Get \"" + url + "\": " + e);
    }
  }
}
