package io.wharf.gateway.image;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.gateway.http.FilterArgs;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The pure half of {@code docker search} ({@code GET /images/search?term=&limit=&filters=}): where
 * the query goes and which results stay. Like dockerd, a term whose first component is a host
 * ({@code quay.io/x}, {@code 127.0.0.1:5000/x}) asks that registry's {@code /v1/search}; every other
 * term asks Docker Hub's index. Loopback hosts are asked over http, others over https.
 */
final class ImageSearch {
  static final String HUB_INDEX = "index.docker.io";
  static final int DEFAULT_LIMIT = 25;
  private static final Set<String> FILTERS = Set.of("stars", "is-official", "is-automated");

  /** One search: the index host, the term without it, the result limit. */
  record Query(String index, String term, int limit, FilterArgs filters) {
    /** {@code https://index.docker.io/v1/search?q=x&n=25}, as dockerd's error messages show it. */
    URI url() {
      boolean loopback = index.startsWith("127.") || index.startsWith("localhost") || index.startsWith("[::1]");
      return URI.create((loopback ? "http" : "https") + "://" + index + "/v1/search?q="
          + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&n=" + limit);
    }
  }

  private ImageSearch() {}

  /** INVALID_ARGUMENT with dockerd's texts for an empty term, a limit outside [1, 100] or an unknown filter. */
  static Query parse(String term, Integer limit, String filtersJson) {
    if (term == null || term.isBlank()) {
      throw WharfException.invalid("term is required: docker search needs a search term");
    }
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > 100) {
      throw WharfException.invalid("limit " + n + " is outside the range of [1, 100]");
    }
    FilterArgs filters = FilterArgs.parse(filtersJson).requireKeys(FILTERS);
    for (String s : filters.get("stars")) {
      try {
        Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw WharfException.invalid("invalid filter 'stars=" + s + "'");
      }
    }
    int slash = term.indexOf('/');
    String first = slash > 0 ? term.substring(0, slash) : "";
    boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
    return host ? new Query(first, term.substring(slash + 1), n, filters) : new Query(HUB_INDEX, term, n, filters);
  }

  /** The index's {@code results} reduced to Docker's five fields and filtered by stars/official/automated. */
  static JsonArray results(JsonObject answer, FilterArgs filters) {
    JsonArray out = new JsonArray();
    JsonArray results = answer.getJsonArray("results", new JsonArray());
    for (int i = 0; i < results.size(); i++) {
      JsonObject r = results.getJsonObject(i);
      JsonObject item = new JsonObject().put("star_count", r.getInteger("star_count", 0))
          .put("is_official", r.getBoolean("is_official", false)).put("name", r.getString("name", ""))
          .put("is_automated", r.getBoolean("is_automated", false)).put("description", r.getString("description", ""));
      if (keeps(item, filters)) {
        out.add(item);
      }
    }
    return out;
  }

  private static boolean keeps(JsonObject item, FilterArgs filters) {
    for (String s : filters.get("stars")) {
      if (item.getInteger("star_count") < Integer.parseInt(s)) {
        return false;
      }
    }
    return matches(filters.get("is-official"), item.getBoolean("is_official"))
        && matches(filters.get("is-automated"), item.getBoolean("is_automated"));
  }

  private static boolean matches(List<String> wanted, boolean actual) {
    return wanted.isEmpty() || wanted.stream().anyMatch(w -> Boolean.parseBoolean(w) == actual);
  }
}
