package io.wharf.registry.proxy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One upstream registry of the pull-through cache, from config {@code proxies}:
 * {@code {"url": "https://registry-1.docker.io", "prefix": "hub/", "remotePrefix": "library/",
 * "username": "...", "password": "...", "tagTtlSeconds": 60}}. Local repository
 * {@code <prefix><rest>} is upstream repository {@code <remotePrefix><rest>}; prefix "" mirrors
 * every repository.
 */
public record Upstream(String url, String prefix, String remotePrefix, String username, String password,
    long tagTtlSeconds) {

  /** The upstream repository of local {@code repo}, or null when this upstream does not serve it. */
  public String remoteName(String repo) {
    return repo.startsWith(prefix) && repo.length() > prefix.length()
        ? remotePrefix + repo.substring(prefix.length()) : null;
  }

  public boolean hasCredentials() {
    return username != null && !username.isEmpty();
  }

  /** Parses the config list, longest prefix first (the most specific mapping wins). */
  public static List<Upstream> fromConfig(JsonArray proxies) {
    List<Upstream> out = new ArrayList<>();
    if (proxies == null) {
      return out;
    }
    for (int i = 0; i < proxies.size(); i++) {
      JsonObject p = proxies.getJsonObject(i);
      String url = p.getString("url");
      if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
        throw new IllegalArgumentException("proxies[" + i + "].url must be an http(s) URL, got " + url);
      }
      out.add(new Upstream(url.replaceAll("/+$", ""), p.getString("prefix", ""), p.getString("remotePrefix", ""),
          p.getString("username"), p.getString("password"), p.getLong("tagTtlSeconds", 60L)));
    }
    out.sort(Comparator.comparingInt((Upstream u) -> u.prefix().length()).reversed());
    return out;
  }
}
