package io.wharf.network;

import io.vertx.core.Future;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * At start, puts back into the cluster maps what {@link NetworkDisk} kept and the maps lost (a
 * restart of a one-node daemon, or of the whole cluster): user networks with their names and
 * reserved addresses, then the endpoints of networks that exist, with their addresses, so that
 * containers that kept running keep their address, DNS names and a network that cannot be
 * removed under them. Anything the maps still have wins (putIfAbsent throughout).
 */
final class NetworkRestore {
  private final NetworkStore store;
  private final NetworkDisk disk;

  NetworkRestore(NetworkStore store, NetworkDisk disk) {
    this.store = store;
    this.disk = disk;
  }

  /**
   * Restores only into a cluster that has no user network and no endpoint yet (the whole cluster
   * restarted): when other members kept the maps, theirs are newer than this member's copy.
   */
  Future<Void> run() {
    return store.all().compose(all -> store.endpoints().compose(eps -> {
      boolean fresh = eps.isEmpty() && all.stream().allMatch(n -> BuiltinNetworks.NAMES.contains(n.name()));
      return fresh ? restore() : Future.<Void>succeededFuture();
    }));
  }

  private Future<Void> restore() {
    return disk.networks().compose(saved -> Future.all(saved.stream()
            .filter(n -> !BuiltinNetworks.NAMES.contains(n.name())).map(this::network).toList()))
        .compose(v -> store.all())
        .compose(all -> {
          Set<String> ids = all.stream().map(NetworkRecord::id).collect(Collectors.toSet());
          return disk.endpoints().compose(eps -> Future.all(eps.stream()
              .filter(e -> ids.contains(e.networkId())).map(this::endpoint).toList()));
        }).mapEmpty();
  }

  private Future<Void> network(NetworkRecord n) {
    return store.reserveName(n.name(), n.id()).compose(holder -> {
      if (holder != null && !holder.equals(n.id())) {
        return Future.succeededFuture(); // the name went to another network meanwhile
      }
      List<String> reserved = n.pools().stream().flatMap(p -> Stream.concat(Stream.of(p.gateway()),
          p.auxAddresses().values().stream())).toList();
      return store.byId(n.id()).compose(known -> known != null ? Future.succeededFuture()
          : store.put(n).compose(v -> Future.all(reserved.stream()
              .map(ip -> store.takeAddress(n.id(), ip, "reserved")).toList()).mapEmpty()));
    });
  }

  private Future<Void> endpoint(Endpoint e) {
    return store.takeAddress(e.networkId(), e.ipv4(), e.containerId())
        .compose(free -> store.putEndpoint(e)).mapEmpty();
  }
}
