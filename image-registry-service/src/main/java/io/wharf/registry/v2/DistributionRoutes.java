package io.wharf.registry.v2;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.registry.auth.Action;
import io.wharf.registry.auth.RegistryAuth;
import io.wharf.registry.auth.TokenEndpoint;
import io.wharf.registry.distribution.DistributionException;
import io.wharf.registry.distribution.OciErrorCode;
import io.wharf.registry.distribution.RepositoryName;
import java.util.concurrent.Callable;

/**
 * The OCI distribution API (v1.1) and the token endpoint, on the registry's HTTP server.
 *
 * <pre>
 *   GET       /v2/                                  BASE (auth check only)
 *   GET       /v2/_catalog?n=&amp;last=                ListingHandlers
 *   GET       /v2/{name}/tags/list?n=&amp;last=         ListingHandlers
 *   GET       /v2/{name}/referrers/{digest}          ListingHandlers (?artifactType=)
 *   GET HEAD PUT DELETE /v2/{name}/manifests/{ref}   ManifestHandlers
 *   GET HEAD DELETE     /v2/{name}/blobs/{digest}    BlobHandlers
 *   POST      /v2/{name}/blobs/uploads/              UploadHandlers (?digest= | ?mount=&amp;from= | session)
 *   GET PATCH PUT DELETE /v2/{name}/blobs/uploads/{id}   UploadHandlers
 *   GET       /token?service=&amp;scope=               TokenHandler (Basic credentials)
 *   POST      /token                                 TokenHandler (OAuth2 password grant form)
 * </pre>
 *
 * Every request: pause the body, parse the path, validate the name (NAME_INVALID), authenticate
 * and authorize on a worker (bcrypt may run), then hand over. Nothing blocking on the event loop.
 */
public final class DistributionRoutes {
  private final Vertx vertx;
  private final V2Services services;
  private final ManifestHandlers manifests;
  private final BlobHandlers blobs;
  private final UploadHandlers uploads;
  private final ListingHandlers listings;
  private final TokenHandler tokens;

  /** Blob GET write size by default (config blobChunkBytes): 0 = sendfile, see BlobHandlers. */
  public static final int DEFAULT_BLOB_CHUNK_BYTES = 0;

  public DistributionRoutes(Vertx vertx, V2Services services) {
    this(vertx, services, DEFAULT_BLOB_CHUNK_BYTES);
  }

  public DistributionRoutes(Vertx vertx, V2Services services, int blobChunkBytes) {
    this.vertx = vertx;
    this.services = services;
    this.manifests = new ManifestHandlers(services);
    this.blobs = new BlobHandlers(services, blobChunkBytes);
    this.uploads = new UploadHandlers(services);
    this.listings = new ListingHandlers(services);
    this.tokens = services.auth().tokens() == null ? null
        : new TokenHandler(vertx, new TokenEndpoint(services.auth(), () -> System.currentTimeMillis() / 1000));
  }

  public void mount(Router router) {
    router.route("/v2").handler(this::dispatch);
    router.route("/v2/*").handler(this::dispatch);
    if (tokens != null) {
      router.get("/token").handler(tokens::get);
      router.post("/token").handler(tokens::post);
    }
  }

  private void dispatch(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    req.pause();
    req.response().putHeader("Docker-Distribution-API-Version", "registry/2.0");
    V2Path path = V2Path.parse(req.path());
    Call call = new Call(vertx, req, path == null ? new V2Path(V2Path.Kind.BASE, null, null) : path, services.auth());
    if (path == null) {
      call.fail(new DistributionException(OciErrorCode.NAME_UNKNOWN, "no such route " + req.path()));
      return;
    }
    if (path.name() != null && !RepositoryName.isValid(path.name())) {
      call.fail(DistributionException.of(OciErrorCode.NAME_INVALID, "invalid repository name \""
          + abbreviate(path.name()) + "\""));
      return;
    }
    Action action = action(path.kind(), req.method());
    if (action == null && !path.kind().equals(V2Path.Kind.BASE) && !path.kind().equals(V2Path.Kind.CATALOG)) {
      call.fail(DistributionException.of(OciErrorCode.UNSUPPORTED, req.method() + " is not supported on " + path.kind()));
      return;
    }
    String authorization = req.getHeader("Authorization");
    boolean loopback = req.remoteAddress() != null && isLoopback(req.remoteAddress().hostAddress());
    Callable<RegistryAuth.Principal> check = () -> {
      RegistryAuth.Principal p = services.auth().authenticate(authorization, loopback);
      boolean anonymousBase = path.kind() == V2Path.Kind.BASE && services.auth().credentialsEnabled()
          && p != null && p.user() == null && p.token() == null;
      if (p == null || anonymousBase) {
        throw DistributionException.of(OciErrorCode.UNAUTHORIZED, "authentication required");
      }
      if (action != null) {
        services.auth().require(p, path.name(), action);
      }
      return p;
    };
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    Future<RegistryAuth.Principal> principal = basic ? call.blocking(check) : inline(check);
    principal.onFailure(call::fail).onSuccess(p -> {
      call.principal = p;
      route(call);
    });
  }

  /**
   * Anonymous and Bearer checks are cheap (one signature check per token, then remembered): no
   * worker hop. Basic may run bcrypt.
   */
  private static <T> Future<T> inline(Callable<T> check) {
    try {
      return Future.succeededFuture(check.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private void route(Call call) {
    HttpMethod m = call.request.method();
    switch (call.path.kind()) {
      case BASE -> {
        call.response().putHeader("Content-Type", "application/json").putHeader("Content-Length", "2");
        call.response().end("{}");
      }
      case CATALOG -> listings.catalog(call);
      case TAGS -> listings.tags(call);
      case REFERRERS -> listings.referrers(call);
      case MANIFEST -> manifests.handle(call, m);
      case BLOB -> blobs.handle(call, m);
      case UPLOADS, UPLOAD -> uploads.handle(call, m);
      default -> call.fail(DistributionException.of(OciErrorCode.UNSUPPORTED, "unsupported route"));
    }
  }

  /** The action a request needs; null = a method the route does not support. */
  static Action action(V2Path.Kind kind, HttpMethod m) {
    boolean read = m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD);
    return switch (kind) {
      case BASE, CATALOG -> null;
      case TAGS, REFERRERS -> m.equals(HttpMethod.GET) ? Action.PULL : null;
      case MANIFEST -> read ? Action.PULL : m.equals(HttpMethod.PUT) ? Action.PUSH
          : m.equals(HttpMethod.DELETE) ? Action.DELETE : null;
      case BLOB -> read ? Action.PULL : m.equals(HttpMethod.DELETE) ? Action.DELETE : null;
      case UPLOADS -> m.equals(HttpMethod.POST) ? Action.PUSH : null;
      case UPLOAD -> m.equals(HttpMethod.GET) || m.equals(HttpMethod.PATCH) || m.equals(HttpMethod.PUT)
          || m.equals(HttpMethod.DELETE) ? Action.PUSH : null;
    };
  }

  static boolean isLoopback(String host) {
    String h = host.startsWith("::ffff:") ? host.substring(7) : host.startsWith("0:0:0:0:0:ffff:") ? "" : host;
    return h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || host.equals("0:0:0:0:0:ffff:7f00:1");
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
