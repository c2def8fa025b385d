package io.wharf.gateway.image;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.WharfException;
import io.wharf.api.image.ImageRequests;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.FilterArgs;
import io.wharf.gateway.http.QueryArgs;
import io.wharf.gateway.http.StreamProxy;
import io.wharf.gateway.http.VersionGate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Docker's image routes. Metadata goes over the event bus to the image-registry-service; load,
 * import and save are byte streams proxied to its internal HTTP endpoint, and so are pull
 * ({@code fromImage}), push and {@code POST /auth} (docker login): the registry service talks to
 * the remote registry and answers with Docker's JSON stream or a plain error before it.
 */
public final class ImageRoutes {
  private static final Set<String> LIST_FILTERS = Set.of("dangling", "label", "reference", "before", "since");

  private final ImageBackend backend;
  private final StreamProxy streams;

  public ImageRoutes(ImageBackend backend, StreamProxy streams) {
    this.backend = backend;
    this.streams = streams;
  }

  public void mount(Router r) {
    r.getWithRegex(regex("/images/json")).handler(this::getImagesJson);
    r.postWithRegex(regex("/images/create")).handler(this::postImagesCreate);
    r.postWithRegex(regex("/images/load")).handler(this::postImagesLoad);
    r.getWithRegex(regex("/images/get")).handler(this::getImagesGet);
    r.getWithRegex(regex("/images/{name+}/json")).handler(this::getImageJson);
    r.getWithRegex(regex("/images/{name+}/history")).handler(this::getImageHistory);
    r.getWithRegex(regex("/images/{name+}/get")).handler(this::getImageGet);
    r.postWithRegex(regex("/images/{name+}/tag")).handler(this::postImageTag);
    r.postWithRegex(regex("/images/{name+}/push")).handler(this::postImagePush);
    r.postWithRegex(regex("/auth")).handler(this::postAuth);
    r.deleteWithRegex(regex("/images/{name+}")).handler(this::deleteImage);
  }

  void getImagesJson(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    FilterArgs filters = FilterArgs.parse(q.string("filters")).requireKeys(LIST_FILTERS);
    var version = VersionGate.of(ctx);
    reply(ctx, backend.list(new ImageRequests.ListImages(q.flag("all", false), filters.asMap())).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(s -> out.add(ImageJsonTranslator.listEntry(s, version)));
      return out;
    }));
  }

  void getImageJson(RoutingContext ctx) {
    var version = ComposeV1Shapes.imageInspect(VersionGate.of(ctx), ctx.request().getHeader("User-Agent"));
    reply(ctx, backend.inspect(ctx.pathParam("name")).map(d -> ImageJsonTranslator.inspect(d, version)));
  }

  void getImageHistory(RoutingContext ctx) {
    reply(ctx, backend.history(ctx.pathParam("name")).map(ImageJsonTranslator::history));
  }

  void postImageTag(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    String repo = q.string("repo");
    if (repo == null) {
      throw WharfException.invalid("repository name must have at least one component");
    }
    backend.tag(new ImageRequests.Tag(ctx.pathParam("name"), repo, q.string("tag")))
        .onSuccess(v -> DockerResponses.empty(ctx, 201))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void deleteImage(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    ImageRequests.Remove req = new ImageRequests.Remove(ctx.pathParam("name"), q.flag("force", false),
        q.flag("noprune", false));
    reply(ctx, backend.remove(req).map(ImageJsonTranslator::deleted));
  }

  /** {@code fromSrc} = import, {@code fromImage} = pull; both proxied to the registry service. */
  void postImagesCreate(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    if (q.string("fromSrc") != null) {
      importImage(ctx, q);
    } else if (q.string("fromImage") != null) {
      pull(ctx, q);
    } else {
      throw WharfException.invalid("fromImage or fromSrc is required");
    }
  }

  private void importImage(RoutingContext ctx, QueryArgs q) {
    boolean fromUrl = !"-".equals(q.string("fromSrc"));
    List<String> params = new ArrayList<>();
    if (fromUrl) {
      add(params, "url", q.string("fromSrc")); // docker import URL: the registry service fetches it
    }
    String repo = q.string("repo");
    String tag = q.string("tag");
    if (repo != null && tag == null) {
      String[] split = ImageReference.splitTag(repo);
      repo = split[0];
      tag = split[1];
    }
    add(params, "repo", repo);
    add(params, "tag", tag);
    q.all("changes").forEach(c -> add(params, "changes", c));
    add(params, "message", q.string("message"));
    toRegistry(ctx, HttpMethod.POST, "/internal/v1/images/import", params, !fromUrl);
  }

  /** Pull: proxied with {@code X-Registry-Auth}; the registry service resolves, fetches and tags. */
  private void pull(RoutingContext ctx, QueryArgs q) {
    String from = q.string("fromImage");
    if (from.isBlank()) {
      throw WharfException.invalid("invalid reference format: repository name must have at least one component");
    }
    List<String> params = new ArrayList<>();
    add(params, "fromImage", from);
    add(params, "tag", q.string("tag"));
    if (q.string("tag") == null || q.string("tag").isEmpty()) {
      add(params, "allTags", "1"); // Docker: a name without tag and no tag parameter = every tag (pull --all-tags)
    }
    add(params, "platform", q.string("platform"));
    toRegistry(ctx, HttpMethod.POST, "/internal/v1/images/pull", params, false);
  }

  /** {@code docker push}: {@code POST /images/{name}/push?tag=}, proxied with {@code X-Registry-Auth}. */
  void postImagePush(RoutingContext ctx) {
    List<String> params = new ArrayList<>();
    add(params, "name", ctx.pathParam("name"));
    add(params, "tag", ctx.queryParams().get("tag"));
    toRegistry(ctx, HttpMethod.POST, "/internal/v1/images/push", params, false);
  }

  /** {@code docker login}: the JSON body ({username, password, serveraddress}) goes to the registry service. */
  void postAuth(RoutingContext ctx) {
    toRegistry(ctx, HttpMethod.POST, "/internal/v1/auth", List.of(), true);
  }

  void postImagesLoad(RoutingContext ctx) {
    List<String> params = new ArrayList<>();
    add(params, "quiet", ctx.queryParams().get("quiet"));
    toRegistry(ctx, HttpMethod.POST, "/internal/v1/images/load", params, true);
  }

  void getImagesGet(RoutingContext ctx) {
    List<String> params = new ArrayList<>();
    ctx.queryParams().getAll("names").forEach(n -> add(params, "names", n));
    toRegistry(ctx, HttpMethod.GET, "/internal/v1/images/get", params, false);
  }

  void getImageGet(RoutingContext ctx) {
    List<String> params = new ArrayList<>();
    add(params, "names", ctx.pathParam("name"));
    toRegistry(ctx, HttpMethod.GET, "/internal/v1/images/get", params, false);
  }

  private void toRegistry(RoutingContext ctx, HttpMethod method, String path, List<String> params, boolean body) {
    ctx.request().pause();
    backend.registry()
        .onSuccess(reg -> streams.forward(ctx, method, stripSlash(reg.baseUrl()) + path
            + (params.isEmpty() ? "" : "?" + String.join("&", params)), reg.token(), body))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  private static void add(List<String> params, String key, String value) {
    if (value != null) {
      params.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
  }

  private static void reply(RoutingContext ctx, Future<?> body) {
    body.onSuccess(b -> DockerResponses.json(ctx, 200, b)).onFailure(err -> ErrorResponder.send(ctx, err));
  }

  private static String stripSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
