package io.wharf.volume;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.volume.VolumeRecord;
import io.wharf.api.volume.VolumeRequests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Serves the VOLUME_* addresses from one {@link VolumeStore} under {@code <dataRoot>/volumes}.
 * Config: {@code dataRoot}, {@code nodeId}. Store calls block, so they run on worker threads.
 */
public final class VolumeVerticle extends VerticleBase {
  private VolumeStore store;
  private String nodeId;

  @Override
  public Future<?> start() {
    nodeId = config().getString("nodeId", "local");
    store = new VolumeStore(Path.of(config().getString("dataRoot")).resolve("volumes"), nodeId);
    EventBus bus = vertx.eventBus();
    Bus.serve(bus, Addresses.VOLUME_CREATE, VolumeRequests.Create.class, req -> blocking(() -> {
      VolumeStore.Created c = store.create(req, false);
      if (c.fresh()) {
        event("create", c.volume().name(), Map.of("driver", c.volume().driver()));
      }
      return c.volume();
    }));
    Bus.serve(bus, Addresses.VOLUME_INSPECT, VolumeRequests.Name.class, req -> blocking(() -> store.get(req.name())));
    Bus.serve(bus, Addresses.VOLUME_LIST, VolumeRequests.ListVolumes.class, req -> blocking(() -> {
      Map<String, List<String>> filters = req.filters() == null ? Map.of() : req.filters();
      VolumeFilters.requireKnown(filters);
      return store.list().stream().filter(v -> VolumeFilters.matches(v, filters)).toList();
    }));
    Bus.serve(bus, Addresses.VOLUME_REMOVE, VolumeRequests.Remove.class, req -> blocking(() -> {
      if (store.remove(req.name(), req.force())) {
        event("destroy", req.name(), Map.of());
      }
      return JsonNodeFactory.instance.objectNode();
    }));
    Bus.serve(bus, Addresses.VOLUME_PRUNE, VolumeRequests.Prune.class, req -> blocking(() -> {
      Map<String, List<String>> filters = req.filters() == null ? Map.of() : req.filters();
      VolumeFilters.requireKnown(filters);
      VolumeRequests.Pruned p = store.prune(req.all(), filters);
      p.deleted().forEach(name -> event("destroy", name, Map.of()));
      event("prune", "", Map.of("reclaimed", Long.toString(p.spaceReclaimed())));
      return p;
    }));
    Bus.serve(bus, Addresses.VOLUME_MOUNT, VolumeRequests.Mount.class, req -> blocking(() -> {
      VolumeStore.Created c = store.mount(req);
      if (c.fresh()) {
        event("create", c.volume().name(), Map.of("driver", c.volume().driver()));
      }
      event("mount", c.volume().name(), Map.of("container", req.containerId()));
      return new VolumeRequests.Mounted(c.volume(), c.fresh());
    }));
    Bus.serve(bus, Addresses.VOLUME_RELEASE, VolumeRequests.Release.class, req -> blocking(() -> {
      List<String> removed = store.release(req.containerId(), req.removeAnonymous());
      removed.forEach(name -> event("destroy", name, Map.of()));
      return removed;
    }));
    Bus.serve(bus, Addresses.VOLUME_USAGE, VolumeRequests.ListVolumes.class, req -> blocking(() ->
        store.list().stream().map(v -> new VolumeRequests.Usage(v, store.size(v))).toList()));
    return Future.succeededFuture();
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work);
  }

  private void event(String action, String name, Map<String, String> attributes) {
    Bus.publish(vertx.eventBus(), Addresses.EVENTS,
        new WharfEvent("volume", action, name, attributes, System.currentTimeMillis() * 1_000_000L, nodeId));
  }
}
