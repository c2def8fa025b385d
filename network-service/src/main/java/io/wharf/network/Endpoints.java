package io.wharf.network;

import io.vertx.core.Future;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.api.network.NetworkRequests.Connect;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Connects containers to networks and disconnects them: one endpoint per (network, container),
 * its address taken cluster-wide with putIfAbsent ({@code --ip}, or the first free one of the
 * pool). Only the record is made here; the node agent applies it.
 */
public final class Endpoints {
  private final NetworkStore store;
  private final NetworkCatalog catalog;

  public Endpoints(NetworkStore store, NetworkCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  public Future<Attached> connect(Connect req) {
    if (req.containerId() == null || req.containerId().isEmpty()) {
      return Future.failedFuture(WharfException.invalid("container is required"));
    }
    return catalog.resolve(req.network()).compose(n -> {
      if (n.pools().isEmpty()) {
        throw new WharfException(ErrorCategory.PERMISSION_DENIED,
            "container cannot be connected to network " + n.name() + " (driver " + n.driver() + ")");
      }
      if (req.reuseExisting()) {
        return store.endpoint(n.id(), req.containerId()).compose(e -> e != null
            ? Future.succeededFuture(new Attached(e, n)) : allocate(n, req));
      }
      return allocate(n, req);
    });
  }

  private Future<Attached> allocate(NetworkRecord n, Connect req) {
    IpamPool pool = n.pools().get(0);
    AddressPicker picker = new AddressPicker(pool);
    Future<Integer> ip = req.ipv4() == null || req.ipv4().isEmpty()
        ? pickFree(n, picker, req.containerId(), null)
        : takeRequested(n, picker, req);
    return ip.compose(addr -> store(n, pool, picker, addr, req)).map(e -> new Attached(e, n));
  }

  private Future<Integer> takeRequested(NetworkRecord n, AddressPicker picker, Connect req) {
    if (n.name().equals(BuiltinNetworks.BRIDGE)) {
      return Future.failedFuture(WharfException.invalid(
          "user specified IP address is supported on user defined networks only"));
    }
    int addr = picker.requested(req.ipv4());
    return store.takeAddress(n.id(), Ipv4.format(addr), req.containerId()).map(free -> {
      if (!free) {
        throw new WharfException(ErrorCategory.FAILED_PRECONDITION, "Address already in use");
      }
      return addr;
    });
  }

  /** Proposes addresses in order until one putIfAbsent succeeds. */
  private Future<Integer> pickFree(NetworkRecord n, AddressPicker picker, String owner, Integer after) {
    long next = picker.next(after, a -> true);
    if (next < 0) {
      return Future.failedFuture(new WharfException(ErrorCategory.FAILED_PRECONDITION,
          "no available IPv4 addresses on network " + n.name()));
    }
    int addr = (int) next;
    return store.takeAddress(n.id(), Ipv4.format(addr), owner)
        .compose(free -> free ? Future.succeededFuture(addr) : pickFree(n, picker, owner, addr));
  }

  private Future<Endpoint> store(NetworkRecord n, IpamPool pool, AddressPicker picker, int addr, Connect req) {
    String ip = Ipv4.format(addr);
    Endpoint e = new Endpoint(endpointId(), n.id(), req.containerId(), req.containerName(), ip,
        picker.prefixLength(), pool.gateway(), req.mac() != null ? req.mac() : Ipv4.mac(addr), req.aliases());
    return store.putEndpoint(e)
        .recover(t -> store.releaseAddress(n.id(), ip).compose(v -> Future.failedFuture(t))) // e.g. not saved
        .compose(stored -> {
      if (stored) {
        return Future.succeededFuture(e);
      }
      return store.releaseAddress(n.id(), ip).compose(v -> Future.failedFuture(new WharfException(
          ErrorCategory.PERMISSION_DENIED, "endpoint with name " + req.containerName()
          + " already exists in network " + n.name())));
    });
  }

  public Future<Attached> disconnect(String network, String containerId) {
    return catalog.resolve(network).compose(n -> store.removeEndpoint(n.id(), containerId).compose(e -> {
      if (e == null) {
        throw new WharfException(ErrorCategory.FAILED_PRECONDITION,
            "container " + containerId + " is not connected to network " + n.name());
      }
      return store.releaseAddress(n.id(), e.ipv4()).map(new Attached(e, n));
    }));
  }

  /** Gives every endpoint of the container its new name; the result is how many there were. */
  public Future<Integer> rename(String containerId, String newName) {
    if (containerId == null || containerId.isEmpty() || newName == null || newName.isEmpty()) {
      return Future.failedFuture(WharfException.invalid("container and its new name are required"));
    }
    return store.endpoints().compose(all -> {
      List<Endpoint> mine = all.stream().filter(e -> e.containerId().equals(containerId)).toList();
      return Future.all(mine.stream().map(e -> store.replaceEndpoint(new Endpoint(e.endpointId(), e.networkId(),
          e.containerId(), newName, e.ipv4(), e.prefixLength(), e.gateway(), e.mac(), e.aliases()))).toList())
          .map(mine.size());
    });
  }

  private static String endpointId() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putLong(a.getMostSignificantBits())
        .putLong(a.getLeastSignificantBits()).putLong(b.getMostSignificantBits())
        .putLong(b.getLeastSignificantBits()).array());
  }

}
