package io.wharf.registry.v2;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.wharf.registry.auth.Action;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import io.wharf.registry.distribution.RepositoryName;
import io.wharf.registry.distribution.UploadSessions;
import io.wharf.api.http.RequestInputStream;
import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Blob uploads: POST (monolithic with {@code digest}, cross-repository {@code mount}, or a new
 * session), then PATCH (chunked with Content-Range, or streamed), GET status, PUT to finish,
 * DELETE to cancel. Bodies stream to a worker with back-pressure ({@link RequestInputStream}).
 */
final class UploadHandlers {
  private final V2Services services;
  private final Semaphore inFlight;

  UploadHandlers(V2Services services) {
    this.services = services;
    this.inFlight = services.maxConcurrentUploads() > 0 ? new Semaphore(services.maxConcurrentUploads()) : null;
  }

  private UploadSessions sessions() {
    return services.blobs().uploads();
  }

  void handle(Call call, HttpMethod m) {
    if (call.path.kind() == V2Path.Kind.UPLOADS) {
      post(call);
    } else if (m.equals(HttpMethod.GET)) {
      call.blocking(() -> sessions().offset(call.name(), call.reference()))
          .onFailure(call::fail).onSuccess(offset -> progress(call, call.reference(), offset, 204));
    } else if (m.equals(HttpMethod.DELETE)) {
      call.blocking(() -> {
        sessions().cancel(call.name(), call.reference());
        return null;
      }).onFailure(call::fail).onSuccess(v -> call.endEmpty(204));
    } else if (m.equals(HttpMethod.PATCH)) {
      long[] range = ByteRange.contentRange(call.request.getHeader("Content-Range"));
      if (range != null && range.length == 0) {
        call.fail(new DistributionException(OciErrorCode.RANGE_INVALID, "malformed Content-Range"));
        return;
      }
      withBody(call, body -> sessions().append(call.name(), call.reference(), body,
          range == null ? null : range[0], range == null ? null : range[1]))
          .onSuccess(offset -> progress(call, call.reference(), offset, 202));
    } else {
      put(call);
    }
  }

  private void post(Call call) {
    String digest = call.param("digest");
    String mount = call.param("mount");
    if (mount != null) {
      String from = call.param("from");
      boolean mayRead = from == null ? services.autoMount()
          : RepositoryName.isValid(from) && call.auth.allows(call.principal, from, Action.PULL);
      call.blocking(() -> mayRead && services.blobs().mount(call.name(), mount, from) ? "" : sessions().start(call.name()))
          .onFailure(call::fail)
          .onSuccess(id -> {
            OciErrors.drain(call.request);
            if (id.isEmpty()) {
              created(call, mount);
            } else {
              progress(call, id, 0, 202);
            }
          });
    } else if (digest != null) {
      withBody(call, body -> services.blobs().putMonolithic(call.name(), digest, body))
          .onSuccess(d -> created(call, d.digest()));
    } else {
      call.blocking(() -> sessions().start(call.name())).onFailure(call::fail).onSuccess(id -> {
        OciErrors.drain(call.request);
        progress(call, id, 0, 202);
      });
    }
  }

  private void put(Call call) {
    String digest = call.param("digest");
    if (digest == null) {
      call.fail(new DistributionException(OciErrorCode.DIGEST_INVALID, "PUT of an upload needs ?digest="));
      return;
    }
    long[] range = ByteRange.contentRange(call.request.getHeader("Content-Range"));
    if (range != null && range.length == 0) {
      call.fail(new DistributionException(OciErrorCode.RANGE_INVALID, "malformed Content-Range"));
      return;
    }
    withBody(call, body -> services.blobs().finishUpload(call.name(), call.reference(), digest, body,
        range == null ? null : range[0], range == null ? null : range[1]))
        .onSuccess(d -> created(call, d.digest()));
  }

  /** Runs {@code work} on a worker with the request body as a stream; failures are answered here. */
  private <T> Future<T> withBody(Call call, Function<InputStream, T> work) {
    if (inFlight != null && !inFlight.tryAcquire()) {
      Future<T> f = Future.failedFuture(DistributionException.of(OciErrorCode.TOOMANYREQUESTS,
          "more than " + services.maxConcurrentUploads() + " uploads in progress; retry later"));
      call.fail(f.cause());
      return f;
    }
    RequestInputStream body = new RequestInputStream(call.request, call.vertx.getOrCreateContext());
    Callable<T> task = () -> work.apply(body);
    Future<T> f = call.blocking(task).andThen(ar -> {
      body.discardRest();
      if (inFlight != null) {
        inFlight.release();
      }
    });
    f.onFailure(call::fail);
    return f;
  }

  private static void created(Call call, String digest) {
    call.response().putHeader("Location", "/v2/" + call.name() + "/blobs/" + digest)
        .putHeader("Docker-Content-Digest", digest);
    call.endEmpty(201);
  }

  private static void progress(Call call, String id, long offset, int status) {
    HttpServerResponse r = call.response();
    r.putHeader("Location", "/v2/" + call.name() + "/blobs/uploads/" + id)
        .putHeader("Range", "0-" + Math.max(0, offset - 1))
        .putHeader("Docker-Upload-UUID", id);
    call.endEmpty(status);
  }
}
