package io.wharf.registry.v2;

import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.wharf.api.WharfException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Blob reads (whole or one byte range) and deletes. A range beyond the blob answers 416 with
 * {@code Content-Range: bytes *&#47;size}.
 *
 * <p>{@code chunkBytes} 0 (the default): one zero-copy sendfile per body, least CPU. Above 0:
 * the file is read off the event loop and written in pieces of that size (AsyncFile piped with
 * back-pressure), as Distribution does with 32 KiB writes; both keep Content-Length, never
 * chunked encoding. Measured against skopeo pulls, the pieces were not reliably faster (1.17x
 * in one quiet run, 0.97-0.99x in three loaded ones: bench/README.md "Registry", run 5), so
 * sendfile stays the default and the pieces are there to measure with.
 */
final class BlobHandlers {
  private final V2Services services;
  private final int chunkBytes;

  BlobHandlers(V2Services services, int chunkBytes) {
    if (chunkBytes < 0) {
      throw WharfException.invalid(
          "image-registry-service: config blobChunkBytes must be >= 0 (0 = sendfile), got " + chunkBytes);
    }
    this.services = services;
    this.chunkBytes = chunkBytes;
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

  private void send(Call call, Found f, boolean head, String rangeHeader) {
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
    if (chunkBytes == 0) {
      r.sendFile(f.file().toString(), offset, length).onFailure(t -> r.reset());
    } else {
      stream(call, f.file(), offset, length);
    }
  }

  /** Pipes [offset, offset + length) of the file to the response; the file is closed either way. */
  private void stream(Call call, Path file, long offset, long length) {
    HttpServerResponse r = call.response();
    r.putHeader("Content-Length", String.valueOf(length));
    call.vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
        .onFailure(t -> r.reset())
        .onSuccess(f -> {
          f.setReadPos(offset).setReadLength(length).setReadBufferSize(chunkBytes);
          f.pipeTo(r).onComplete(done -> {
            f.close();
            if (done.failed()) {
              r.reset(); // the client sees a short body, never a complete-looking wrong one
            }
          });
        });
  }
}
