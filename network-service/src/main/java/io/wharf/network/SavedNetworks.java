package io.wharf.network;

import io.vertx.core.Future;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the networks and endpoints a member saved ({@link NetworkFiles.Saved}) back into the
 * cluster maps at start, before the built-ins are ensured. Only when the cluster has no network
 * yet (this member is the first network-service up, as after a restart of a single host or of
 * the whole cluster): a cluster that already has networks is authoritative, and this member's
 * files may be stale (a network removed through another member while this one was down must not
 * come back). Everything goes in with putIfAbsent, so members starting together merge: a name or
 * an address another member restored first wins, and the loser is logged and left out.
 */
final class SavedNetworks {
  private static final Logger LOG = LoggerFactory.getLogger(SavedNetworks.class);

  private final NetworkStore store;

  SavedNetworks(NetworkStore store) {
    this.store = store;
  }

  Future<Void> restore(NetworkFiles.Saved saved) {
    if (saved.networks().isEmpty()) {
      return Future.succeededFuture();
    }
    return store.all().compose(existing -> {
      if (!existing.isEmpty()) {
        LOG.info("the cluster has {} networks already: {} saved on this member not loaded",
            existing.size(), saved.networks().size());
        return Future.succeededFuture();
      }
      return Future.all(saved.networks().stream().map(this::network).toList())
          .map(done -> done.<String>list().stream().filter(id -> id != null).collect(Collectors.toSet()))
          .compose(ids -> endpoints(saved.endpoints(), ids))
          .onSuccess(v -> LOG.info("loaded {} networks and {} endpoints from disk",
              saved.networks().size(), saved.endpoints().size()));
    });
  }

  /** The network's id when it is back in the maps, null when its name belongs to another. */
  private Future<String> network(NetworkRecord n) {
    return store.reserveName(n.name(), n.id()).compose(holder -> {
      if (holder != null && !holder.equals(n.id())) {
        LOG.warn("saved network {} ({}) not loaded: the name belongs to {}", n.name(), n.id(), holder);
        return Future.succeededFuture(null);
      }
      return store.restore(n).compose(v -> Future.all(reserved(n).map(ip -> store.takeAddress(n.id(), ip, "reserved"))
          .toList())).map(n.id());
    });
  }

  private static Stream<String> reserved(NetworkRecord n) {
    return n.pools().stream().flatMap(p -> Stream.concat(Stream.of(p.gateway()), p.auxAddresses().values().stream()))
        .filter(ip -> ip != null && !ip.isEmpty());
  }

  private Future<Void> endpoints(List<Endpoint> all, Set<String> networkIds) {
    return Future.all(all.stream().filter(e -> networkIds.contains(e.networkId())).map(this::endpoint).toList())
        .mapEmpty();
  }

  /** The endpoint's address is claimed first: an endpoint whose address is someone else's is left out. */
  private Future<Void> endpoint(Endpoint e) {
    return store.claimAddress(e.networkId(), e.ipv4(), e.containerId()).compose(owner -> {
      if (owner != null && !owner.equals(e.containerId())) {
        LOG.warn("saved endpoint of {} on {} not loaded: {} belongs to {}", e.containerName(), e.networkId(),
            e.ipv4(), owner);
        return Future.succeededFuture();
      }
      return store.restoreEndpoint(e).mapEmpty();
    });
  }
}
