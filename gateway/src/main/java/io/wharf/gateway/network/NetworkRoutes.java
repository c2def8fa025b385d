package io.wharf.gateway.network;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.api.network.NetworkRequests.Details;
import io.wharf.gateway.container.ContainerBackend;
import io.wharf.gateway.container.ContainerDirectory;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.FilterArgs;
import io.wharf.gateway.http.QueryArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's network routes, answered by the network-service over the event bus. Connect and
 * disconnect resolve the container here (name, id or prefix) and record the endpoint; the node
 * agent applies it.
 */
public final class NetworkRoutes {
  private static final long MAX_BODY = 1 << 20;

  private final EventBus bus;
  private final ContainerBackend containers;
  private final LiveLinks links;

  public NetworkRoutes(EventBus bus, ContainerBackend containers) {
    this.bus = bus;
    this.containers = containers;
    this.links = new LiveLinks(bus);
  }

  public void mount(Router r) {
    r.postWithRegex(regex("/networks/create")).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::create);
    r.postWithRegex(regex("/networks/prune")).handler(this::prune);
    r.getWithRegex(regex("/networks")).handler(this::list);
    r.getWithRegex(regex("/networks/{id}")).handler(this::inspect);
    r.deleteWithRegex(regex("/networks/{id}")).handler(this::remove);
    r.postWithRegex(regex("/networks/{id}/connect")).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::connect);
    r.postWithRegex(regex("/networks/{id}/disconnect")).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::disconnect);
  }

  void create(RoutingContext ctx) {
    NetworkRequests.Create req;
    try {
      req = NetworkJson.createRequest(body(ctx));
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    Bus.request(bus, Addresses.NETWORK_CREATE, req, NetworkRequests.Created.class)
        .onSuccess(c -> DockerResponses.json(ctx, 201, new JsonObject().put("Id", c.id()).put("Warning", "")))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void list(RoutingContext ctx) {
    Future<NetworkRequests.Listing> listing;
    try {
      listing = Bus.request(bus, Addresses.NETWORK_LIST, filtered(ctx), NetworkRequests.Listing.class);
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    reply(ctx, listing.map(l -> {
      JsonArray out = new JsonArray();
      l.networks().forEach(d -> out.add(NetworkJson.network(d, false)));
      return out;
    }));
  }

  /**
   * A cluster without a network-service has no networks: inspect is then a plain 404, which the
   * CLI's {@code docker inspect X} needs when it tries every object kind in turn.
   */
  void inspect(RoutingContext ctx) {
    String ref = ctx.pathParam("id");
    reply(ctx, Bus.request(bus, Addresses.NETWORK_INSPECT, new NetworkRequests.Ref(ref), Details.class)
        .recover(t -> WharfException.of(t).category() == ErrorCategory.UNAVAILABLE
            && t.getMessage().startsWith("no service answers")
            ? Future.failedFuture(WharfException.notFound("network " + ref + " not found")) : Future.failedFuture(t))
        .map(d -> NetworkJson.network(d, true)));
  }

  void remove(RoutingContext ctx) {
    Bus.request(bus, Addresses.NETWORK_REMOVE, new NetworkRequests.Ref(ctx.pathParam("id")), Object.class)
        .onSuccess(v -> DockerResponses.empty(ctx, 204))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void prune(RoutingContext ctx) {
    Future<NetworkRequests.Pruned> pruned;
    try {
      pruned = Bus.request(bus, Addresses.NETWORK_PRUNE, filtered(ctx), NetworkRequests.Pruned.class);
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    reply(ctx, pruned.map(p -> new JsonObject().put("NetworksDeleted",
        p.names().isEmpty() ? null : new JsonArray(new ArrayList<>(p.names())))));
  }

  void connect(RoutingContext ctx) {
    JsonObject body;
    try {
      body = body(ctx);
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    JsonObject endpoint = body.getJsonObject("EndpointConfig", new JsonObject());
    JsonObject ipam = endpoint.getJsonObject("IPAMConfig", new JsonObject());
    List<String> aliases = new ArrayList<>();
    endpoint.getJsonArray("Aliases", new JsonArray()).forEach(a -> aliases.add(String.valueOf(a)));
    String ip = ipam.getString("IPv4Address");
    container(body.getString("Container"))
        .compose(c -> {
          LiveLinks.requireConnectable(c);
          return Bus.request(bus, Addresses.NETWORK_CONNECT, new NetworkRequests.Connect(
              ctx.pathParam("id"), c.id(), c.name(), ip == null || ip.isEmpty() ? null : ip, aliases, false),
              Attached.class).compose(a -> links.attach(c, a));
        })
        .onSuccess(a -> DockerResponses.empty(ctx, 200))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void disconnect(RoutingContext ctx) {
    JsonObject body;
    try {
      body = body(ctx);
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    String given = body.getString("Container");
    boolean force = body.getBoolean("Force", false);
    container(given)
        .<ContainerSummary>map(c -> c)
        .recover(t -> force && WharfException.of(t).category() == ErrorCategory.NOT_FOUND
            ? Future.succeededFuture(null) : Future.failedFuture(t))
        .compose(c -> Bus.request(bus, Addresses.NETWORK_DISCONNECT,
            new NetworkRequests.Disconnect(ctx.pathParam("id"), c == null ? given : c.id(), force), Attached.class)
            .compose(a -> c == null ? Future.succeededFuture() : links.detach(c, a)))
        .onSuccess(a -> DockerResponses.empty(ctx, 200))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  private Future<ContainerSummary> container(String idOrName) {
    if (idOrName == null || idOrName.isEmpty()) {
      return Future.failedFuture(WharfException.invalid("container is required"));
    }
    return containers.list().map(all -> ContainerDirectory.resolve(all, idOrName));
  }

  private static JsonObject body(RoutingContext ctx) {
    Buffer b = ctx.body().buffer();
    if (b == null || b.length() == 0) {
      throw WharfException.invalid("request body is required");
    }
    return io.wharf.gateway.http.RequestJson.object(b);
  }

  private static NetworkRequests.Filtered filtered(RoutingContext ctx) {
    return new NetworkRequests.Filtered(
        FilterArgs.parse(new QueryArgs(ctx.queryParams()).string("filters")).asMap());
  }

  private static void reply(RoutingContext ctx, Future<?> body) {
    body.onSuccess(b -> DockerResponses.json(ctx, 200, b)).onFailure(err -> ErrorResponder.send(ctx, err));
  }
}
