package io.wharf.registry.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.ErrorCategory;
import io.wharf.api.InternalHttp;
import io.wharf.api.http.RequestInputStream;
import io.wharf.api.http.ResponseOutputStream;
import io.wharf.api.WharfException;
import io.wharf.registry.archive.ArchiveLoader;
import io.wharf.registry.archive.ArchiveWriter;
import io.wharf.registry.archive.ImageCommitter;
import io.wharf.registry.archive.ImageImporter;
import io.wharf.registry.archive.ImportChanges;
import io.wharf.registry.archive.SavePlan;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.ImageStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The registry's internal HTTP endpoints (see {@link InternalHttp}). Every request must carry the
 * cluster token. Request bodies (load, import) stream to a worker through
 * {@link RequestInputStream}; save streams from a worker through {@link ResponseOutputStream}; both
 * with back-pressure and bounded memory. No file work runs on the event loop.
 *
 * <pre>
 *   POST /internal/v1/images/load?quiet=       tar in, Docker JSON message stream out
 *   POST /internal/v1/images/import?repo=&amp;tag=&amp;changes=&amp;message=   {"status":"sha256:..."}
 *   GET  /internal/v1/images/get?names=...     docker-save / OCI layout tar
 *   GET  /internal/v1/blobs/{digest}           blob bytes (HEAD: size only)
 * </pre>
 */
public final class InternalRoutes {
  private final Vertx vertx;
  private final ImageStore store;
  private final ArchiveLoader loader;
  private final ImageImporter importer;
  private final ArchiveWriter writer;
  private final byte[] token;
  private ImageCommitter committer;
  private io.wharf.registry.archive.ImageDeriver deriver;

  public InternalRoutes(Vertx vertx, ImageStore store, ArchiveLoader loader, ImageImporter importer,
      String token) {
    this.vertx = vertx;
    this.store = store;
    this.loader = loader;
    this.importer = importer;
    this.writer = new ArchiveWriter(store);
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Serves {@code POST /internal/v1/images/commit} with {@code c} (docker commit from a node). */
  public InternalRoutes withCommitter(ImageCommitter c) {
    this.committer = c;
    return this;
  }

  /** Serves {@code POST /internal/v1/images/derive} with {@code d} (docker build steps from a node). */
  public InternalRoutes withDeriver(io.wharf.registry.archive.ImageDeriver d) {
    this.deriver = d;
    return this;
  }

  public Router router() {
    Router router = Router.router(vertx);
    router.route(InternalHttp.PREFIX + "/*").handler(this::checkToken);
    router.post(InternalHttp.PREFIX + "/images/load").handler(this::postImagesLoad);
    router.post(InternalHttp.PREFIX + "/images/import").handler(this::postImagesImport);
    if (committer != null) {
      router.post(InternalHttp.PREFIX + "/images/commit").handler(this::postImagesCommit);
    }
    if (deriver != null) {
      router.post(InternalHttp.PREFIX + "/images/derive").handler(this::postImagesDerive);
    }
    router.get(InternalHttp.PREFIX + "/images/get").handler(this::getImagesGet);
    router.get(InternalHttp.PREFIX + "/blobs/:digest").handler(this::getBlob);
    router.head(InternalHttp.PREFIX + "/blobs/:digest").handler(this::headBlob);
    return router;
  }

  private void checkToken(RoutingContext ctx) {
    String given = ctx.request().getHeader(InternalHttp.TOKEN_HEADER);
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      HttpErrors.send(ctx.response(), new WharfException(ErrorCategory.PERMISSION_DENIED,
          "missing or wrong " + InternalHttp.TOKEN_HEADER));
      return;
    }
    ctx.next();
  }

  private void postImagesLoad(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    RequestInputStream body = new RequestInputStream(ctx.request(), vertx.getOrCreateContext());
    blocking(() -> loader.load(body))
        .onComplete(ar -> {
          body.discardRest();
          response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
          if (ar.failed()) {
            response.end(HttpErrors.streamLine(ar.cause()));
            return;
          }
          StringBuilder lines = new StringBuilder();
          ar.result().messages().forEach(m -> lines.append(new JsonObject().put("stream", m).encode()).append('\n'));
          response.end(lines.toString());
        });
  }

  private void postImagesImport(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String repo = req.getParam("repo");
    String tag = req.getParam("tag");
    List<String> changes = req.params().getAll("changes");
    String message = req.getParam("message");
    try {
      ImportChanges.parse(changes); // refuse bad changes before taking the body
      if (repo != null && !repo.isEmpty()) {
        ImageReference.parse(repo);
      }
    } catch (WharfException e) {
      HttpErrors.send(ctx.response(), e);
      return;
    }
    String fromUrl = req.getParam("url");
    if (fromUrl != null && !fromUrl.isEmpty()) {
      importFromUrl(ctx, fromUrl, repo, tag, changes, message);
      return;
    }
    RequestInputStream body = new RequestInputStream(req, vertx.getOrCreateContext());
    blocking(() -> importer.importTar(body, repo, tag, changes, message))
        .onComplete(ar -> body.discardRest())
        .onSuccess(id -> ctx.response().setChunked(true).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", id).encode() + "\n"))
        .onFailure(t -> HttpErrors.send(ctx.response(), t));
  }

  /** {@code docker import URL}: the registry service fetches the archive itself (no request body). */
  private void importFromUrl(RoutingContext ctx, String fromUrl, String repo, String tag, List<String> changes,
      String message) {
    java.net.URL url;
    try {
      url = io.wharf.registry.archive.ImportSource.url(fromUrl);
    } catch (WharfException e) {
      HttpErrors.send(ctx.response(), e);
      return;
    }
    ctx.request().resume();
    blocking(() -> {
      try (java.io.InputStream in = io.wharf.registry.archive.ImportSource.open(url)) {
        return importer.importTar(in, repo, tag, changes, message);
      }
    }).onSuccess(id -> ctx.response().setChunked(true).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", id).encode() + "\n"))
        .onFailure(t -> HttpErrors.send(ctx.response(), t));
  }

  /**
   * {@code POST /images/commit?parent=&container=&repo=&tag=&comment=&author=&changes=} with the
   * container's Config as base64 JSON in {@link InternalHttp#COMMIT_CONFIG_HEADER} and the layer tar
   * as the body; answers {@code {"Id":"sha256:..."}} once the image (and tag) is stored.
   */
  private void postImagesCommit(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    ImageCommitter.Request r;
    try {
      String encoded = req.getHeader(InternalHttp.COMMIT_CONFIG_HEADER);
      com.fasterxml.jackson.databind.JsonNode config = encoded == null ? null
          : io.wharf.api.Json.MAPPER.readTree(java.util.Base64.getDecoder().decode(encoded));
      r = new ImageCommitter.Request(req.getParam("parent"), req.getParam("container"), config,
          req.getParam("repo"), req.getParam("tag"), req.getParam("comment"), req.getParam("author"),
          req.params().getAll("changes"));
      committer.validate(r);
    } catch (Exception e) {
      HttpErrors.send(ctx.response(), e instanceof WharfException w ? w : WharfException.invalid(e.getMessage()));
      return;
    }
    RequestInputStream body = new RequestInputStream(req, vertx.getOrCreateContext());
    blocking(() -> committer.commit(body, r))
        .onComplete(ar -> body.discardRest())
        .onSuccess(id -> ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("Id", id).encode()))
        .onFailure(t -> HttpErrors.send(ctx.response(), t));
  }

  /**
   * {@code POST /images/derive?parent=&configLength=N&layer=0|1}: the body is N bytes of image config
   * JSON, then (layer=1) the layer tar; answers {@code {"Id":"sha256:..."}}. See ImageDeriver.
   */
  private void postImagesDerive(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    int configLength;
    try {
      configLength = Integer.parseInt(req.getParam("configLength", ""));
      if (configLength <= 0 || configLength > 16 << 20) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      HttpErrors.send(ctx.response(), WharfException.invalid("configLength must be a size in bytes"));
      return;
    }
    String parent = req.getParam("parent");
    boolean withLayer = "1".equals(req.getParam("layer")) || "true".equals(req.getParam("layer"));
    RequestInputStream body = new RequestInputStream(req, vertx.getOrCreateContext());
    blocking(() -> {
      com.fasterxml.jackson.databind.JsonNode config;
      try {
        config = io.wharf.api.Json.MAPPER.readTree(body.readNBytes(configLength));
      } catch (java.io.IOException e) {
        throw WharfException.invalid("the image config is not JSON: " + e.getMessage());
      }
      return deriver.derive(body, new io.wharf.registry.archive.ImageDeriver.Request(parent, config, withLayer));
    }).onComplete(ar -> body.discardRest())
        .onSuccess(id -> ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("Id", id).encode()))
        .onFailure(t -> HttpErrors.send(ctx.response(), t));
  }

  private void getImagesGet(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    Context context = vertx.getOrCreateContext();
    List<String> names = ctx.request().params().getAll("names");
    blocking(() -> SavePlan.resolve(store, names))
        .onFailure(t -> HttpErrors.send(response, t))
        .onSuccess(plan -> {
          response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/x-tar");
          response.writeHead()
              .compose(v -> blocking(() -> {
                try (ResponseOutputStream out = new ResponseOutputStream(response, context)) {
                  writer.write(plan, out);
                }
                return null;
              }))
              .onSuccess(v -> response.end())
              .onFailure(t -> response.reset());
        });
  }

  private void getBlob(RoutingContext ctx) {
    String digest = ctx.pathParam("digest");
    HttpServerResponse response = ctx.response();
    if (!Digests.isValid(digest)) {
      HttpErrors.send(response, WharfException.invalid("invalid digest \"" + digest + "\""));
      return;
    }
    blocking(() -> store.blobs().existing(digest))
        .onFailure(t -> HttpErrors.send(response, t))
        .onSuccess(path -> {
          response.putHeader("Content-Type", "application/octet-stream")
              .putHeader("Docker-Content-Digest", digest);
          response.sendFile(path.toString()).onFailure(t -> response.reset());
        });
  }

  /** Size and digest only: Vert.x would send a file's bytes even for HEAD. */
  private void headBlob(RoutingContext ctx) {
    String digest = ctx.pathParam("digest");
    HttpServerResponse response = ctx.response();
    if (!Digests.isValid(digest)) {
      HttpErrors.send(response, WharfException.invalid("invalid digest \"" + digest + "\""));
      return;
    }
    blocking(() -> store.blobs().size(digest))
        .onFailure(t -> HttpErrors.send(response, t))
        .onSuccess(size -> response.putHeader("Content-Type", "application/octet-stream")
            .putHeader("Docker-Content-Digest", digest)
            .putHeader("Content-Length", String.valueOf(size))
            .end());
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
