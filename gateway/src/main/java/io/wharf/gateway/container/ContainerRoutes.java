package io.wharf.gateway.container;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.wharf.api.InternalHttp;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerSummary;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.FilterArgs;
import io.wharf.gateway.http.HijackProxy;
import io.wharf.gateway.http.HijackTarget;
import io.wharf.gateway.http.QueryArgs;
import io.wharf.gateway.http.StreamProxy;
import io.wharf.gateway.http.VersionGate;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Docker's container routes. Control operations resolve the container from the cluster map and
 * go to its node over the event bus; logs, wait and attach are byte streams proxied to the node's
 * internal HTTP endpoint.
 */
public final class ContainerRoutes {
  private static final long MAX_CREATE_BODY = 1024 * 1024;

  private final ContainerBackend backend;
  private final StreamProxy streams;
  private final HijackProxy hijacks;

  public ContainerRoutes(ContainerBackend backend, StreamProxy streams, HijackProxy hijacks) {
    this.backend = backend;
    this.streams = streams;
    this.hijacks = hijacks;
  }

  private java.util.function.Function<JsonObject, Future<JsonObject>> inspectDecorator = Future::succeededFuture;

  /** Lets another resource fill parts of the inspect JSON (networks: NetworkSettings). */
  private CreateNetworkHook createNetworkHook = CreateNetworkHook.NONE;

  /** Networking's part of create (EndpointsConfig, container:&lt;name&gt;). */
  public ContainerRoutes withCreateNetworkHook(CreateNetworkHook hook) {
    this.createNetworkHook = hook;
    return this;
  }

  public ContainerRoutes withInspectDecorator(java.util.function.Function<JsonObject, Future<JsonObject>> decorator) {
    this.inspectDecorator = decorator;
    return this;
  }

  private java.util.function.Function<JsonArray, Future<JsonArray>> listDecorator = Future::succeededFuture;

  /** Lets another resource fill parts of the GET /containers/json entries (ports: the Ports arrays). */
  public ContainerRoutes withListDecorator(java.util.function.Function<JsonArray, Future<JsonArray>> decorator) {
    this.listDecorator = decorator;
    return this;
  }

  public void mount(Router r) {
    r.getWithRegex(regex("/containers/json")).handler(this::getContainersJson);
    r.postWithRegex(regex("/containers/create")).handler(BodyHandler.create(false).setBodyLimit(MAX_CREATE_BODY))
        .handler(this::postContainersCreate);
    r.postWithRegex(regex("/containers/prune")).handler(this::postContainersPrune);
    r.postWithRegex(regex("/commit")).handler(this::postCommit);
    r.getWithRegex(regex("/containers/{id}/json")).handler(this::getContainerJson);
    r.postWithRegex(regex("/containers/{id}/start")).handler(this::postContainerStart);
    r.postWithRegex(regex("/containers/{id}/stop")).handler(this::postContainerStop);
    r.postWithRegex(regex("/containers/{id}/restart")).handler(this::postContainerRestart);
    r.postWithRegex(regex("/containers/{id}/kill")).handler(this::postContainerKill);
    r.postWithRegex(regex("/containers/{id}/resize")).handler(this::postContainerResize);
    r.postWithRegex(regex("/containers/{id}/rename")).handler(this::postContainerRename);
    r.deleteWithRegex(regex("/containers/{id}")).handler(this::deleteContainer);
    r.getWithRegex(regex("/containers/{id}/logs")).handler(this::getContainerLogs);
    r.postWithRegex(regex("/containers/{id}/wait")).handler(this::postContainerWait);
    r.postWithRegex(regex("/containers/{id}/attach")).handler(this::postContainerAttach);
    r.headWithRegex(regex("/containers/{id}/archive")).handler(ctx -> proxyFiles(ctx, HttpMethod.HEAD, "archive"));
    r.getWithRegex(regex("/containers/{id}/archive")).handler(ctx -> proxyFiles(ctx, HttpMethod.GET, "archive"));
    r.putWithRegex(regex("/containers/{id}/archive")).handler(ctx -> proxyFiles(ctx, HttpMethod.PUT, "archive"));
    r.getWithRegex(regex("/containers/{id}/export")).handler(ctx -> proxyFiles(ctx, HttpMethod.GET, "export"));
    r.getWithRegex(regex("/containers/{id}/changes")).handler(ctx -> proxyFiles(ctx, HttpMethod.GET, "changes"));
  }

  void getContainersJson(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    ContainerListQuery query = new ContainerListQuery(q.flag("all", false), q.integer("limit", -1),
        FilterArgs.parse(q.string("filters")));
    PortFilter ports = PortFilter.of(query.filters());
    boolean size = q.flag("size", false);
    long now = System.currentTimeMillis() * 1_000_000L;
    reply(ctx, backend.list().map(query::apply).compose(list -> withSizes(list, size)).map(entries -> {
      JsonArray out = new JsonArray();
      entries.forEach(e -> out.add(ContainerJsonTranslator.listEntry(e.summary(), now, e.sizes())));
      return out;
    }).compose(listDecorator).map(entries -> ports.apply(entries, query.limit())), 200);
  }

  private record Entry(ContainerSummary summary, ContainerDetails sizes) {}

  private Future<List<Entry>> withSizes(List<ContainerSummary> list, boolean size) {
    List<Future<Entry>> futures = new ArrayList<>();
    for (ContainerSummary c : list) {
      futures.add(size ? backend.inspect(c, true).map(d -> new Entry(c, d)).otherwise(new Entry(c, null))
          : Future.succeededFuture(new Entry(c, null)));
    }
    return Future.all(futures).map(all -> all.<Entry>list());
  }

  void postContainersCreate(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ErrorResponder.send(ctx, WharfException.invalid("config cannot be empty in order to create a container"));
      return;
    }
    JsonObject json;
    try {
      // JSON nulls count as absent, as in dockerd (docker-py sends a tmpfs Mount with "Source": null)
      json = io.wharf.gateway.http.RequestJson.object(body);
      CreateRequestTranslator.translate(json, ctx.queryParams().get("name"));
      RefusedRunFlags.check(json);
      RefusedRunFlags.checkPlatform(ctx.queryParams().get("platform"), json.getString("Image"),
          RefusedRunFlags.hostArch());
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    reply(ctx, createNetworkHook.before(json)
        .compose(b -> NamespaceTargets.joinsAnother(b) ? backend.list().map(all -> NamespaceTargets.complete(b, all))
            : io.vertx.core.Future.succeededFuture(b)).compose(completed -> {
      ContainerSpec spec = CreateRequestTranslator.translate(completed, ctx.queryParams().get("name"));
      List<String> portWarnings = PortBindingsJson.warnings(spec);
      return backend.create(spec).compose(created -> createNetworkHook.after(created.id(), completed).map(created))
          .map(created -> {
            List<String> warnings = new ArrayList<>(created.warnings() == null ? List.of() : created.warnings());
            warnings.addAll(portWarnings);
            return new JsonObject().put("Id", created.id()).put("Warnings", new JsonArray(warnings));
          });
    }), 201);
  }

  /**
   * Removes every stopped container the filters select, one at a time; SpaceReclaimed sums their
   * writable layers. A container that cannot be removed (started meanwhile) is skipped, as Docker does.
   */
  void postContainersPrune(RoutingContext ctx) {
    PruneFilter filter;
    try {
      filter = new PruneFilter(FilterArgs.parse(new QueryArgs(ctx.queryParams()).string("filters")),
          System.currentTimeMillis() * 1_000_000L);
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    JsonArray deleted = new JsonArray();
    long[] reclaimed = {0};
    reply(ctx, backend.list().compose(list -> {
      Future<Void> chain = Future.succeededFuture();
      for (ContainerSummary c : list) {
        if (!filter.prunes(c)) {
          continue;
        }
        chain = chain.compose(v -> backend.inspect(c, true).map(d -> Math.max(0, d.sizeRw())).otherwise(0L)
            .compose(size -> backend.remove(c, false, false).map(x -> {
              deleted.add(c.id());
              reclaimed[0] += size;
              return (Void) null;
            })).otherwise((Void) null));
      }
      return chain;
    }).map(v -> {
      long now = System.currentTimeMillis() * 1_000_000L;
      backend.announce(new io.wharf.api.event.WharfEvent("container", "prune", "",
          java.util.Map.of("reclaimed", Long.toString(reclaimed[0])), now, ""));
      return new JsonObject().put("ContainersDeleted", deleted.isEmpty() ? null : deleted)
          .put("SpaceReclaimed", reclaimed[0]);
    }), 200);
  }

  /** docker commit: {@code ?container=} names the container; its node builds the layer. */
  void postCommit(RoutingContext ctx) {
    ctx.request().pause();
    String given = new QueryArgs(ctx.queryParams()).string("container");
    backend.list().map(list -> ContainerDirectory.resolve(list, given == null ? "" : given))
        .compose(c -> backend.endpoint(c).map(ep -> new NodeCall(stripSlash(ep.baseUrl())
            + withQuery(ctx, InternalHttp.containerPath(c.id(), "commit")), ep.token())))
        .onSuccess(call -> streams.forward(ctx, HttpMethod.POST, call.url(), call.token(), false))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void getContainerJson(RoutingContext ctx) {
    boolean size = new QueryArgs(ctx.queryParams()).flag("size", false);
    reply(ctx, resolve(ctx).compose(c -> backend.inspect(c, size)).map(d -> ContainerJsonTranslator.inspect(d, size))
        .compose(inspectDecorator), 200);
  }

  void postContainerStart(RoutingContext ctx) {
    onContainer(ctx, c -> backend.start(c).map(o -> o.changed() ? 204 : 304));
  }

  void postContainerStop(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    onContainer(ctx, c -> backend.stop(c, q.integer("t"), q.string("signal")).map(o -> o.changed() ? 204 : 304));
  }

  void postContainerRestart(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    onContainer(ctx, c -> backend.restart(c, q.integer("t"), q.string("signal")).map(204));
  }

  void postContainerKill(RoutingContext ctx) {
    String signal = new QueryArgs(ctx.queryParams()).string("signal");
    onContainer(ctx, c -> backend.kill(c, signal).map(204));
  }

  void postContainerResize(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    onContainer(ctx, c -> backend.resize(c, q.integer("h", 0), q.integer("w", 0)).map(200));
  }

  void postContainerRename(RoutingContext ctx) {
    String name = new QueryArgs(ctx.queryParams()).string("name");
    onContainer(ctx, c -> {
      if (name == null) {
        throw WharfException.invalid("Neither old nor new names may be empty");
      }
      CreateValidator.requireValidName(name);
      return backend.rename(c, CreateRequestTranslator.stripSlash(name)).map(204);
    });
  }

  void deleteContainer(RoutingContext ctx) {
    QueryArgs q = new QueryArgs(ctx.queryParams());
    onContainer(ctx, c -> backend.remove(c, q.flag("force", false), q.flag("v", false)).map(204));
  }

  /** Logs: before API 1.42 dockerd sent no Content-Type; from 1.42 the node's multiplexed/raw type. */
  void getContainerLogs(RoutingContext ctx) {
    proxyToNode(ctx, HttpMethod.GET, "logs", VersionGate.of(ctx).atLeast(1, 42));
  }

  void postContainerWait(RoutingContext ctx) {
    proxyToNode(ctx, HttpMethod.POST, "wait", true);
  }

  void postContainerAttach(RoutingContext ctx) {
    ctx.request().pause();
    resolve(ctx).compose(c -> backend.endpoint(c).map(ep -> {
      URI uri = ep.uri();
      String path = withQuery(ctx, InternalHttp.containerPath(c.id(), "attach"));
      return new HijackTarget("GET", uri.getHost(), uri.getPort(), path, ep.token(), null, null);
    })).onSuccess(target -> hijacks.proxy(ctx, target)).onFailure(err -> ErrorResponder.send(ctx, err));
  }

  /** An internal URL on the owning node and the token to present there. */
  private record NodeCall(String url, String token) {}

  private void proxyToNode(RoutingContext ctx, HttpMethod method, String op, boolean keepContentType) {
    ctx.request().pause();
    resolve(ctx).compose(c -> backend.endpoint(c).map(ep ->
            new NodeCall(stripSlash(ep.baseUrl()) + withQuery(ctx, InternalHttp.containerPath(c.id(), op)), ep.token())))
        .onSuccess(call -> streams.forward(ctx, method, call.url(), call.token(), false, keepContentType))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  /**
   * docker cp (archive HEAD/GET/PUT), export and diff: proxied to the owning node with the
   * container's name as the user gave it, for Docker's "Could not find the file" wording.
   */
  private void proxyFiles(RoutingContext ctx, HttpMethod method, String op) {
    ctx.request().pause();
    String given = ctx.pathParam("id");
    resolve(ctx).compose(c -> backend.endpoint(c).map(ep -> {
      String path = withQuery(ctx, InternalHttp.containerPath(c.id(), op));
      String sep = path.contains("?") ? "&" : "?";
      return new NodeCall(stripSlash(ep.baseUrl()) + path + sep + "container="
          + java.net.URLEncoder.encode(given, java.nio.charset.StandardCharsets.UTF_8), ep.token());
    })).onSuccess(call -> streams.forward(ctx, method, call.url(), call.token(), method == HttpMethod.PUT))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  private Future<ContainerSummary> resolve(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return backend.list().map(list -> ContainerDirectory.resolve(list, id));
  }

  /** Resolves the container, runs the operation, answers with the status it yields and no body. */
  private void onContainer(RoutingContext ctx, Function<ContainerSummary, Future<Integer>> op) {
    resolve(ctx).compose(op::apply)
        .onSuccess(status -> DockerResponses.empty(ctx, status))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  private static void reply(RoutingContext ctx, Future<?> body, int status) {
    body.onSuccess(b -> DockerResponses.json(ctx, status, b)).onFailure(err -> ErrorResponder.send(ctx, err));
  }

  private static String withQuery(RoutingContext ctx, String path) {
    String query = ctx.request().query();
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }

  private static String stripSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
