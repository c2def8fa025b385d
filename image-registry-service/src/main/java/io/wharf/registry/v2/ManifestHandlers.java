package io.wharf.registry.v2;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.ManifestParser;
import io.wharf.registry.distribution.OciErrorCode;
import io.wharf.registry.distribution.StoredManifest;
import java.util.Map;

/**
 * Manifests by tag or digest. GET/HEAD serve the exact bytes with their stored media type and
 * {@code Docker-Content-Digest}; when the Accept header names manifest types and not the stored
 * one, the answer is MANIFEST_UNKNOWN (there is no conversion). PUT takes at most 4 MiB.
 */
final class ManifestHandlers {
  private final V2Services services;

  ManifestHandlers(V2Services services) {
    this.services = services;
  }

  void handle(Call call, HttpMethod m) {
    if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD)) {
      get(call, m.equals(HttpMethod.HEAD));
    } else if (m.equals(HttpMethod.PUT)) {
      put(call);
    } else {
      call.blocking(() -> {
        services.manifests().delete(call.name(), call.reference());
        return null;
      }).onFailure(call::fail).onSuccess(v -> call.endEmpty(202));
    }
  }

  private void get(Call call, boolean head) {
    String accept = String.join(",", call.request.headers().getAll("Accept"));
    call.blocking(() -> {
      if (services.proxy() != null) {
        services.proxy().beforeManifestRead(call.name(), call.reference());
      }
      StoredManifest m = services.manifests().get(call.name(), call.reference());
      if (!acceptable(accept, m.mediaType())) {
        throw new DistributionException(OciErrorCode.MANIFEST_UNKNOWN, "manifest " + call.reference() + " is "
            + m.mediaType() + ", which the Accept header does not list", Map.of("mediaType", m.mediaType()));
      }
      return m;
    }).onFailure(call::fail).onSuccess(m -> {
      HttpServerResponse r = call.response();
      r.putHeader("Content-Type", m.mediaType()).putHeader("Docker-Content-Digest", m.digest())
          .putHeader("ETag", "\"" + m.digest() + "\"").putHeader("Content-Length", String.valueOf(m.bytes().length));
      if (head) {
        r.end();
      } else {
        r.end(Buffer.buffer(m.bytes()));
      }
    });
  }

  private void put(Call call) {
    HttpServerRequest req = call.request;
    String length = req.getHeader("Content-Length");
    if (length != null && parseLong(length) > ManifestParser.MAX_BYTES) {
      call.fail(DistributionException.of(OciErrorCode.TOO_LARGE, "manifest of " + length
          + " bytes is larger than the limit of " + ManifestParser.MAX_BYTES));
      return;
    }
    String contentType = req.getHeader("Content-Type");
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    req.handler(b -> {
      if (body.length() + b.length() > ManifestParser.MAX_BYTES) {
        tooLarge[0] = true;
      } else {
        body.appendBuffer(b);
      }
    });
    req.exceptionHandler(call::fail);
    req.endHandler(v -> {
      if (tooLarge[0]) {
        call.fail(DistributionException.of(OciErrorCode.TOO_LARGE, "manifest is larger than the limit of "
            + ManifestParser.MAX_BYTES + " bytes"));
        return;
      }
      call.blocking(() -> services.manifests().put(call.name(), call.reference(), body.getBytes(), contentType))
          .onFailure(call::fail)
          .onSuccess(result -> {
            HttpServerResponse r = call.response();
            r.putHeader("Location", "/v2/" + call.name() + "/manifests/" + result.digest())
                .putHeader("Docker-Content-Digest", result.digest());
            if (result.subject() != null) {
              r.putHeader("OCI-Subject", result.subject());
            }
            call.endEmpty(201);
          });
    });
    req.resume();
  }

  /** True when no Accept header names a manifest type, or one of them is {@code type} or a wildcard. */
  static boolean acceptable(String accept, String type) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    boolean namesManifestTypes = false;
    for (String part : accept.split(",")) {
      String t = part.split(";", 2)[0].trim();
      if (t.equals(type) || t.equals("*/*") || t.equals("application/*")) {
        return true;
      }
      namesManifestTypes |= ManifestParser.SUPPORTED.contains(t) || MediaTypes.isIndex(t) || MediaTypes.isManifest(t);
    }
    return !namesManifestTypes;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
