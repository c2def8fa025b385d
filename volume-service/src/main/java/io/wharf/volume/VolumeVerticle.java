package io.wharf.volume;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.WharfException;
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
  private VolumeDirectory directory;
  private String nodeId;

  @Override
  public Future<?> start() {
    nodeId = config().getString("nodeId", "local");
    store = new VolumeStore(Path.of(config().getString("dataRoot")).resolve("volumes"), nodeId);
    directory = new VolumeDirectory(vertx.sharedData());
    EventBus bus = vertx.eventBus();
    Bus.serve(bus, Addresses.VOLUME_CREATE, VolumeRequests.Create.class, req -> blocking(() -> store.create(req, false))
        .compose(this::published).map(VolumeRequests.Mounted::volume));
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
    }).compose(done -> directory.forget(req.name()).map(done)));
    Bus.serve(bus, Addresses.VOLUME_PRUNE, VolumeRequests.Prune.class, req -> blocking(() -> {
      Map<String, List<String>> filters = req.filters() == null ? Map.of() : req.filters();
      VolumeFilters.requireKnown(filters);
      VolumeRequests.Pruned p = store.prune(req.all(), filters);
      p.deleted().forEach(name -> event("destroy", name, Map.of()));
      event("prune", "", Map.of("reclaimed", Long.toString(p.spaceReclaimed())));
      return p;
    }).compose(p -> forgetAll(p.deleted()).map(p)));
    for (String address : List.of(Addresses.VOLUME_MOUNT, Addresses.volumeOnNode(Addresses.VOLUME_MOUNT, nodeId))) {
      Bus.serve(bus, address, VolumeRequests.Mount.class, req -> blocking(() -> store.mount(req))
          .compose(this::published).map(m -> {
            event("mount", m.volume().name(), Map.of("container", req.containerId()));
            return m;
          }));
    }
    for (String address : List.of(Addresses.VOLUME_RELEASE, Addresses.volumeOnNode(Addresses.VOLUME_RELEASE, nodeId))) {
      Bus.serve(bus, address, VolumeRequests.Release.class, req -> blocking(() -> {
        List<String> removed = store.release(req.containerId(), req.removeAnonymous());
        removed.forEach(name -> event("destroy", name, Map.of()));
        return removed;
      }).compose(removed -> forgetAll(removed).map(removed)));
    }
    Bus.serve(bus, Addresses.VOLUME_USAGE, VolumeRequests.ListVolumes.class, req -> blocking(() ->
        store.list().stream().map(v -> new VolumeRequests.Usage(v, store.size(v))).toList()));
    return republish();
  }

  /** After a restart the cluster map may be new: the volumes on this node are claimed again. */
  private Future<Void> republish() {
    return blocking(store::list).compose(all -> Future.all(all.stream().map(directory::update).toList()))
        .mapEmpty();
  }

  /**
   * Claims a new volume's name cluster-wide (another node's claim wins: the local copy goes and
   * the name is "already in use" there) or updates the record of an existing one.
   */
  private Future<VolumeRequests.Mounted> published(VolumeStore.Created c) {
    VolumeRecord v = c.volume();
    if (!c.fresh()) {
      return directory.update(v).map(new VolumeRequests.Mounted(v, false));
    }
    return directory.claim(v).compose(owner -> {
      if (nodeId.equals(owner.nodeId())) {
        event("create", v.name(), Map.of("driver", v.driver()));
        return directory.update(v).map(new VolumeRequests.Mounted(v, true));
      }
      return blocking(() -> {
        store.discard(v.name());
        return null;
      })
          .compose(x -> Future.failedFuture(WharfException.conflict("create " + v.name()
              + ": volume name is in use on node " + owner.nodeId())));
    });
  }

  private Future<Void> forgetAll(List<String> names) {
    return Future.all(names.stream().map(directory::forget).toList()).mapEmpty();
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work);
  }

  private void event(String action, String name, Map<String, String> attributes) {
    Bus.publish(vertx.eventBus(), Addresses.EVENTS,
        new WharfEvent("volume", action, name, attributes, System.currentTimeMillis() * 1_000_000L, nodeId));
  }
}
