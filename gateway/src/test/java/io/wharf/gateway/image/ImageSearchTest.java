package io.wharf.gateway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.gateway.http.FilterArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageSearchTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "busybox | | https://index.docker.io/v1/search?q=busybox&n=25",
      "library/busybox | 5 | https://index.docker.io/v1/search?q=library%2Fbusybox&n=5",
      "quay.io/coreos | 100 | https://quay.io/v1/search?q=coreos&n=100",
      "127.0.0.1:5000/app | 1 | http://127.0.0.1:5000/v1/search?q=app&n=1",
      "localhost:5000/a b | | http://localhost:5000/v1/search?q=a+b&n=25",
  })
  void theTermNamesTheIndexAsked(String term, Integer limit, String url) {
    assertEquals(url, ImageSearch.parse(term, limit, null).url().toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'' | | | term is required: docker search needs a search term",
      "x | 0 | | limit 0 is outside the range of [1, 100]",
      "x | 101 | | limit 101 is outside the range of [1, 100]",
      "x | | {\"foo\":{\"1\":true}} | invalid filter 'foo'",
      "x | | {\"stars\":{\"many\":true}} | invalid filter 'stars=many'",
  })
  void badQueriesAreRefused(String term, Integer limit, String filters, String message) {
    WharfException e = assertThrows(WharfException.class, () -> ImageSearch.parse(term, limit, filters));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }

  @Test
  void resultsKeepDockersFieldsAndHonourTheFilters() {
    JsonObject answer = new JsonObject().put("num_results", 3).put("results", new JsonArray()
        .add(new JsonObject().put("name", "busybox").put("star_count", 3000).put("is_official", true)
            .put("description", "tiny").put("extra", 1))
        .add(new JsonObject().put("name", "someone/busybox").put("star_count", 2).put("is_automated", true))
        .add(new JsonObject().put("name", "other/busybox").put("star_count", 50)));
    JsonArray all = ImageSearch.results(answer, FilterArgs.none());
    assertEquals(3, all.size());
    assertEquals(new JsonObject().put("star_count", 3000).put("is_official", true).put("name", "busybox")
        .put("is_automated", false).put("description", "tiny"), all.getJsonObject(0));
    assertEquals("", all.getJsonObject(1).getString("description"));
    assertEquals(2, ImageSearch.results(answer, FilterArgs.parse("{\"stars\":{\"10\":true}}")).size());
    assertEquals(1, ImageSearch.results(answer, FilterArgs.parse("{\"is-official\":{\"true\":true}}")).size());
    assertEquals(2, ImageSearch.results(answer, FilterArgs.parse("{\"is-automated\":{\"false\":true}}")).size());
    assertEquals(0, ImageSearch.results(new JsonObject(), FilterArgs.none()).size());
  }
}
