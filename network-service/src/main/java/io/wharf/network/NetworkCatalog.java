package io.wharf.network;

import io.vertx.core.Future;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests.Create;
import io.wharf.api.network.NetworkRequests.Details;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Network records: the built-ins, create, lookup by name or id (prefix), list, remove and prune.
 * Names are unique through putIfAbsent on the name map; the pools are planned against every
 * existing network's subnets before the name is reserved, so a rejected request leaves nothing.
 */
public final class NetworkCatalog {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NetworkStore store;
  private final Clock clock;

  public NetworkCatalog(NetworkStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Stores bridge/host/none unless present; ids derive from the names so every member agrees. */
  public Future<Void> ensureBuiltins(String bridgeSubnet) {
    Cidr subnet = Cidr.parse(bridgeSubnet);
    IpamPool pool = new IpamPool(subnet.toString(), Ipv4.format(subnet.base() + 1), null, null);
    return Future.all(List.of(
        builtin(BuiltinNetworks.BRIDGE, "bridge", List.of(pool)),
        builtin(BuiltinNetworks.HOST, "host", List.of()),
        builtin(BuiltinNetworks.NONE, "null", List.of()))).mapEmpty();
  }

  private Future<Void> builtin(String name, String driver, List<IpamPool> pools) {
    String id = BuiltinIds.of(name);
    NetworkRecord n = new NetworkRecord(id, name, driver, now(), false, false, Map.of(),
        Map.of(), pools);
    return store.reserveName(name, id).compose(prev -> prev != null ? Future.succeededFuture()
        : store.put(n).compose(v -> reserveGateways(n)));
  }

  public Future<NetworkRecord> create(Create req) {
    String name = req.name();
    if (name == null || !NAME.matcher(name).matches()) {
      throw WharfException.invalid("invalid network name \"" + name + "\": must match [a-zA-Z0-9][a-zA-Z0-9_.-]");
    }
    if (BuiltinNetworks.NAMES.contains(name)) {
      throw new WharfException(ErrorCategory.PERMISSION_DENIED,
          name + " is a pre-defined network and cannot be created");
    }
    String driver = req.driver() == null || req.driver().isEmpty() ? "bridge" : req.driver();
    if (!driver.equals("bridge")) {
      throw WharfException.notFound("plugin \"" + driver + "\" not found");
    }
    return store.idOfName(name).compose(existing -> {
      if (existing != null) {
        throw WharfException.conflict("network with name " + name + " already exists");
      }
      return store.all();
    }).compose(all -> {
      List<String> subnets = all.stream().flatMap(n -> n.pools().stream()).map(IpamPool::subnet).toList();
      List<IpamPool> pools = new PoolPlanner(subnets).plan(req.pools());
      NetworkRecord n = new NetworkRecord(newId(), name, driver, now(), req.internal(), req.attachable(),
          req.labels(), req.options(), pools);
      return store.reserveName(name, n.id()).compose(prev -> {
        if (prev != null) {
          throw WharfException.conflict("network with name " + name + " already exists");
        }
        return store.put(n).compose(v -> reserveGateways(n)).map(n)
            .recover(t -> store.releaseName(name, n.id()).compose(x -> Future.failedFuture(t)));
      });
    });
  }

  private Future<Void> reserveGateways(NetworkRecord n) {
    return Future.all(n.pools().stream().flatMap(p -> java.util.stream.Stream.concat(
        java.util.stream.Stream.of(p.gateway()), p.auxAddresses().values().stream()))
        .map(ip -> store.takeAddress(n.id(), ip, "reserved")).toList()).mapEmpty();
  }

  /** A name, a full id or a unique id prefix; Docker's 404 text otherwise. */
  public Future<NetworkRecord> resolve(String ref) {
    if (ref == null || ref.isEmpty()) {
      return Future.failedFuture(WharfException.invalid("network name or id must not be empty"));
    }
    return store.idOfName(ref).compose(id -> id != null ? store.byId(id) : store.byId(ref))
        .compose(n -> n != null ? Future.succeededFuture(n) : byPrefix(ref));
  }

  private Future<NetworkRecord> byPrefix(String prefix) {
    return store.all().map(all -> {
      List<NetworkRecord> hits = all.stream().filter(n -> n.id().startsWith(prefix)).toList();
      if (hits.size() > 1) {
        throw WharfException.invalid("network " + prefix + " is ambiguous (" + hits.size() + " matches found based on ID prefix)");
      }
      if (hits.isEmpty()) {
        throw WharfException.notFound("network " + prefix + " not found");
      }
      return hits.get(0);
    });
  }

  public Future<Details> details(NetworkRecord n) {
    return store.endpoints().map(eps -> new Details(n,
        eps.stream().filter(e -> e.networkId().equals(n.id())).toList()));
  }

  public Future<List<Details>> list(NetworkFilter filter) {
    return store.all().compose(all -> store.endpoints().map(eps -> all.stream()
        .map(n -> new Details(n, eps.stream().filter(e -> e.networkId().equals(n.id())).toList()))
        .filter(filter)
        .sorted(java.util.Comparator.comparing(d -> d.network().name()))
        .toList()));
  }

  /** Told of every network removed (by rm or prune), for the "network destroy" event. */
  private java.util.function.Consumer<NetworkRecord> removed = n -> { };

  public void onRemoved(java.util.function.Consumer<NetworkRecord> listener) {
    this.removed = listener;
  }

  public Future<Void> remove(String ref) {
    return resolve(ref).compose(this::details).compose(d -> {
      NetworkRecord n = d.network();
      if (n.predefined()) {
        throw new WharfException(ErrorCategory.PERMISSION_DENIED,
            n.name() + " is a pre-defined network and cannot be removed");
      }
      if (!d.endpoints().isEmpty()) {
        throw new WharfException(ErrorCategory.PERMISSION_DENIED,
            "error while removing network: network " + n.name() + " id " + n.id() + " has active endpoints");
      }
      return store.delete(n).onSuccess(v -> removed.accept(n));
    });
  }

  /** Removes every custom network without endpoints that matches; returns their names. */
  public Future<List<String>> prune(NetworkFilter filter) {
    return list(filter).compose(all -> {
      List<NetworkRecord> unused = all.stream().filter(d -> d.endpoints().isEmpty())
          .map(Details::network).filter(n -> !n.predefined()).toList();
      return Future.all(unused.stream().map(n -> store.delete(n).onSuccess(v -> removed.accept(n))).toList())
          .map(v -> unused.stream().map(NetworkRecord::name).toList());
    });
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant());
  }

  private static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
