package io.wharf.registry.v2;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Blob reads (whole or one byte range, sent with sendFile: zero-copy from the page cache) and
 * deletes. A range beyond the blob answers 416 with {@code Content-Range: bytes *&#47;size}.
 */
final class BlobHandlers {
  private final V2Services services;

  BlobHandlers(V2Services services) {
    this.services = services;
  }

  /** A blob file and its size, resolved on a worker. */
  private record Found(Path file, long size) {}

  void handle(Call call, HttpMethod m) {
    if (m.equals(HttpMethod.DELETE)) {
      call.blocking(() -> {
        services.blobs().delete(call.name(), call.reference());
        return null;
      }).onFailure(call::fail).onSuccess(v -> call.endEmpty(202));
      return;
    }
    boolean head = m.equals(HttpMethod.HEAD);
    String range = call.request.getHeader("Range");
    call.blocking(() -> {
      if (services.proxy() != null) {
        services.proxy().beforeBlobRead(call.name(), call.reference());
      }
      Path file = services.blobs().file(call.name(), call.reference());
      return new Found(file, Files.size(file));
    }).onFailure(call::fail).onSuccess(f -> send(call, f, head, range));
  }

  private static void send(Call call, Found f, boolean head, String rangeHeader) {
    HttpServerResponse r = call.response();
    r.putHeader("Docker-Content-Digest", call.reference()).putHeader("Accept-Ranges", "bytes")
        .putHeader("Content-Type", "application/octet-stream").putHeader("ETag", "\"" + call.reference() + "\"");
    long[] range = rangeHeader == null || head ? null : ByteRange.parse(rangeHeader, f.size());
    if (range != null && range.length == 0) {
      r.putHeader("Content-Range", "bytes */" + f.size());
      call.endEmpty(416);
      return;
    }
    if (head) {
      r.putHeader("Content-Length", String.valueOf(f.size())).end();
      return;
    }
    long offset = range == null ? 0 : range[0];
    long length = range == null ? f.size() : range[1] - range[0] + 1;
    if (range != null) {
      r.setStatusCode(206).putHeader("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + f.size());
    }
    r.sendFile(f.file().toString(), offset, length).onFailure(t -> r.reset());
  }
}
