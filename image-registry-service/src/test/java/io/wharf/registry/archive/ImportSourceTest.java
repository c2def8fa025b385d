package io.wharf.registry.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docker import URL: which URL is fetched, and what a failed fetch says. */
class ImportSourceTest {
  @ParameterizedTest
  @CsvSource({
      "http://127.0.0.1:8080/root.tar, http://127.0.0.1:8080/root.tar",
      "https://example.com/a.tar.gz, https://example.com/a.tar.gz",
      "example.com/a.tar, http://example.com/a.tar"})
  void aUrlWithoutSchemeIsHttp(String fromSrc, String expected) {
    assertEquals(expected, ImportSource.url(fromSrc).toString());
  }

  @ParameterizedTest
  @CsvSource({"ftp://example.com/a.tar", "file:///etc/passwd", "http://", "http://exa mple.com/x"})
  void otherSourcesAreRefused(String fromSrc) {
    WharfException e = assertThrows(WharfException.class, () -> ImportSource.url(fromSrc));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @Test
  void aFetchReturnsTheBodyOrDockersStatusError() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> {
      boolean found = ex.getRequestURI().getPath().equals("/ok.tar");
      ex.sendResponseHeaders(found ? 200 : 404, found ? 3 : -1);
      if (found) {
        ex.getResponseBody().write(new byte[] {1, 2, 3});
      }
      ex.close();
    });
    http.start();
    try {
      String base = "http://127.0.0.1:" + http.getAddress().getPort();
      try (InputStream in = ImportSource.open(new URL(base + "/ok.tar"))) {
        assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
      }
      WharfException e = assertThrows(WharfException.class, () -> ImportSource.open(new URL(base + "/gone.tar")));
      assertEquals(ErrorCategory.NOT_FOUND, e.category());
      assertEquals("failed to GET " + base + "/gone.tar with status 404 Not Found", e.getMessage());
    } finally {
      http.stop(0);
    }
  }
}
