package io.wharf.registry.v2;

import io.vertx.core.buffer.Buffer;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.auth.Action;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.Listings;
import io.wharf.registry.distribution.OciErrorCode;
import io.wharf.registry.distribution.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code tags/list} and {@code _catalog} (lexical order, {@code n}/{@code last} pagination with a
 * {@code Link: <...>; rel="next"} header while more remain; the catalog shows only repositories the
 * caller may pull), and the referrers API ({@code OCI-Filters-Applied: artifactType} when filtered).
 */
final class ListingHandlers {
  private final V2Services services;

  ListingHandlers(V2Services services) {
    this.services = services;
  }

  void tags(Call call) {
    Integer n;
    try {
      n = count(call.param("n"));
    } catch (DistributionException e) {
      call.fail(e);
      return;
    }
    String last = call.param("last");
    call.blocking(() -> services.listings().tags(call.name(), n, last)).onFailure(call::fail).onSuccess(page -> {
      link(call, "/v2/" + call.name() + "/tags/list", n, page);
      json(call, Listings.tagsJson(call.name(), page.entries()), "application/json");
    });
  }

  void catalog(Call call) {
    Integer n;
    try {
      n = count(call.param("n"));
    } catch (DistributionException e) {
      call.fail(e);
      return;
    }
    String last = call.param("last");
    call.blocking(() -> {
      Page all = services.listings().catalog(null, last);
      var visible = all.entries().stream().filter(r -> call.auth.allows(call.principal, r, Action.PULL)).toList();
      return Page.of(visible, n, null);
    }).onFailure(call::fail).onSuccess(page -> {
      link(call, "/v2/_catalog", n, page);
      json(call, Listings.catalogJson(page.entries()), "application/json");
    });
  }

  void referrers(Call call) {
    String artifactType = call.param("artifactType");
    call.blocking(() -> services.listings().referrers(call.name(), call.reference(), artifactType))
        .onFailure(call::fail).onSuccess(bytes -> {
          if (artifactType != null) {
            call.response().putHeader("OCI-Filters-Applied", "artifactType");
          }
          json(call, bytes, MediaTypes.OCI_INDEX);
        });
  }

  private static void link(Call call, String path, Integer n, Page page) {
    if (page.more() && page.lastEntry() != null) {
      call.response().putHeader("Link", "<" + path + "?last=" + URLEncoder.encode(page.lastEntry(), StandardCharsets.UTF_8)
          + "&n=" + n + ">; rel=\"next\"");
    }
  }

  private static void json(Call call, byte[] body, String contentType) {
    call.response().putHeader("Content-Type", contentType).putHeader("Content-Length", String.valueOf(body.length))
        .end(Buffer.buffer(body));
  }

  /** The {@code n} parameter: null when absent, PAGINATION_NUMBER_INVALID unless 0..10000. */
  static Integer count(String n) {
    if (n == null || n.isEmpty()) {
      return null;
    }
    try {
      int v = Integer.parseInt(n);
      if (v >= 0 && v <= 10_000) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the error
    }
    throw DistributionException.of(OciErrorCode.PAGINATION_NUMBER_INVALID, "invalid n \"" + n + "\": expected 0..10000");
  }
}
