package io.wharf.volume;

import io.vertx.core.Future;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.volume.VolumeRecord;

/**
 * The cluster-wide view of volumes, {@link ClusterMaps#VOLUMES}: name -> record with its node.
 * A new name is claimed with putIfAbsent, so two nodes cannot both own one name; the scheduler
 * side (the gateway) reads it to place a container on the node of its volumes.
 */
final class VolumeDirectory {
  private final SharedData sharedData;

  VolumeDirectory(SharedData sharedData) {
    this.sharedData = sharedData;
  }

  /** Claims the name for {@code v}; the reply is the record that owns it (v, or another node's). */
  Future<VolumeRecord> claim(VolumeRecord v) {
    return map().compose(m -> m.putIfAbsent(v.name(), Json.string(v)))
        .map(previous -> previous == null ? v : Json.read(previous, VolumeRecord.class));
  }

  Future<Void> update(VolumeRecord v) {
    return map().compose(m -> m.put(v.name(), Json.string(v)));
  }

  Future<Void> forget(String name) {
    return map().compose(m -> m.remove(name)).mapEmpty();
  }

  private Future<AsyncMap<String, String>> map() {
    return sharedData.getAsyncMap(ClusterMaps.VOLUMES);
  }
}
