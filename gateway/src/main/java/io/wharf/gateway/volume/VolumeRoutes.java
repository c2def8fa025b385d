package io.wharf.gateway.volume;

import static io.wharf.gateway.http.RoutePattern.regex;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.volume.VolumeRecord;
import io.wharf.api.volume.VolumeRequests;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.FilterArgs;
import io.wharf.gateway.http.QueryArgs;
import io.wharf.gateway.http.VersionGate;
import java.util.List;
import java.util.Map;

/** Docker's /volumes routes, answered by volume-service over the event bus. */
public final class VolumeRoutes {
  private static final int MAX_BODY = 64 * 1024;

  private final EventBus bus;

  public VolumeRoutes(EventBus bus) {
    this.bus = bus;
  }

  public void mount(Router r) {
    r.postWithRegex(regex("/volumes/create")).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::create);
    r.postWithRegex(regex("/volumes/prune")).handler(this::prune);
    r.getWithRegex(regex("/volumes")).handler(this::list);
    r.getWithRegex(regex("/volumes/{name}")).handler(this::inspect);
    r.deleteWithRegex(regex("/volumes/{name}")).handler(this::remove);
  }

  void create(RoutingContext ctx) {
    JsonObject body = body(ctx.body().buffer());
    VolumeRequests.Create req = new VolumeRequests.Create(body.getString("Name"), body.getString("Driver"),
        VolumeJson.stringMap(body.getValue("Labels")), VolumeJson.stringMap(body.getValue("DriverOpts")));
    Bus.request(bus, Addresses.VOLUME_CREATE, req, VolumeRecord.class)
        .onSuccess(v -> DockerResponses.json(ctx, 201, VolumeJson.volume(v)))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  void list(RoutingContext ctx) {
    FilterArgs filters = FilterArgs.parse(new QueryArgs(ctx.queryParams()).string("filters"));
    reply(ctx, listVolumes(filters.asMap()).map(VolumeJson::list));
  }

  /**
   * Without a volume service there is no volume: 404, so that {@code docker inspect X} (which tries
   * containers, images, volumes, networks in turn) still says "No such object".
   */
  void inspect(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    reply(ctx, Bus.request(bus, Addresses.VOLUME_INSPECT, new VolumeRequests.Name(name), VolumeRecord.class)
        .recover(t -> Future.failedFuture(WharfException.of(t).category() == ErrorCategory.UNAVAILABLE
            ? WharfException.notFound("get " + name + ": no such volume") : t))
        .map(VolumeJson::volume));
  }

  void remove(RoutingContext ctx) {
    VolumeRequests.Remove req = new VolumeRequests.Remove(ctx.pathParam("name"),
        new QueryArgs(ctx.queryParams()).flag("force", false));
    Bus.request(bus, Addresses.VOLUME_REMOVE, req, JsonNode.class)
        .onSuccess(v -> DockerResponses.empty(ctx, 204))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  /** API 1.41 prunes every unused volume; 1.42 and later only anonymous ones unless all=true. */
  void prune(RoutingContext ctx) {
    FilterArgs filters = FilterArgs.parse(new QueryArgs(ctx.queryParams()).string("filters"));
    boolean all = VersionGate.of(ctx).below(1, 42) || filters.get("all").stream().anyMatch(
        v -> v.equals("true") || v.equals("1"));
    Map<String, List<String>> rest = new java.util.HashMap<>(filters.asMap());
    rest.remove("all");
    reply(ctx, Bus.request(bus, Addresses.VOLUME_PRUNE, new VolumeRequests.Prune(all, rest),
        VolumeRequests.Pruned.class).map(p -> new JsonObject()
            .put("VolumesDeleted", p.deleted().isEmpty() ? null : new JsonArray(p.deleted()))
            .put("SpaceReclaimed", p.spaceReclaimed())));
  }

  private Future<List<VolumeRecord>> listVolumes(Map<String, List<String>> filters) {
    return Bus.request(bus, Addresses.VOLUME_LIST, new VolumeRequests.ListVolumes(filters),
        Json.type(new TypeReference<List<VolumeRecord>>() {}));
  }

  static JsonObject body(Buffer buffer) {
    if (buffer == null || buffer.length() == 0) {
      return new JsonObject();
    }
    try {
      return new JsonObject(buffer);
    } catch (DecodeException | ClassCastException e) {
      throw WharfException.invalid("invalid JSON: " + e.getMessage());
    }
  }

  private static void reply(RoutingContext ctx, Future<?> body) {
    body.onSuccess(b -> DockerResponses.json(ctx, 200, b)).onFailure(err -> ErrorResponder.send(ctx, err));
  }
}
