package io.wharf.node.net;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.shareddata.SharedData;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.HostSettings;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.node.ContainerFiles;
import io.wharf.node.ContainerNetworking;
import io.wharf.node.ContainerRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge networking for the containers of this node. At start every network recorded for the
 * container (its mode's network, plus those of {@code docker network connect}) is linked:
 * eth0 for the mode's network, with the default route, eth1... for the others; a running
 * container is linked to (or unlinked from) one network live. At exit the namespace goes.
 * Mode container:&lt;id&gt; joins that container's namespace ({@link SharedNetns}); host and none are
 * left alone. User networks get the embedded DNS at 127.0.0.11 ({@link ContainerDns}); links
 * joined and left send Docker's "network connect/disconnect" events.
 */
public final class BridgeNetworking implements ContainerNetworking {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeNetworking.class);

  private final EventBus bus;
  private final WorkerExecutor workers;
  private final LinkApplier applier;
  private final ContainerFiles files;
  private final ContainerEndpoints endpoints;
  private final Function<String, Optional<ContainerRecord>> records;
  private final AppliedLinks applied = new AppliedLinks();
  private final ContainerDns dnsSetup;
  /** Teardowns still running: a start of the same container waits for its own (names are reused). */
  private final Map<String, Future<Void>> pendingTeardown = new ConcurrentHashMap<>();
  private final JoinedNetworks joined = new JoinedNetworks();

  /** @param records this node's containers by id, for container:&lt;id&gt; */
  public BridgeNetworking(EventBus bus, SharedData data, WorkerExecutor workers, LinkApplier applier,
      ContainerFiles files, EmbeddedDns dns, Function<String, Optional<ContainerRecord>> records) {
    this.bus = bus;
    this.workers = workers;
    this.applier = applier;
    this.files = files;
    this.endpoints = new ContainerEndpoints(data);
    this.records = records;
    this.dnsSetup = new ContainerDns(applier.net(), dns);
  }

  /** Where "network connect/disconnect" events go (the node's cluster view). */
  public void publishEventsTo(NetworkEvents sink) {
    joined.publishTo(sink);
  }

  /** The network a mode names, or null when the container gets no bridge endpoint. */
  public static String networkOf(String mode) {
    if (mode == null || mode.isEmpty() || mode.equals("default")) {
      return BuiltinNetworks.BRIDGE;
    }
    if (mode.equals(BuiltinNetworks.HOST) || mode.equals(BuiltinNetworks.NONE) || mode.startsWith(SharedNetns.PREFIX)) {
      return null;
    }
    return mode;
  }

  private static String modeOf(ContainerRecord r) {
    HostSettings host = r.effective().host();
    return host == null ? null : host.networkMode();
  }

  @Override
  public Future<Void> created(ContainerRecord r) {
    String network = networkOf(modeOf(r));
    if (network == null) {
      return Future.succeededFuture();
    }
    return connect(network, r).<Void>mapEmpty().recover(t -> noNetworkService(t, r));
  }

  /** Connects to the mode's network, with the aliases asked for at create ({@code --network-alias}). */
  private Future<Attached> connect(String network, ContainerRecord r) {
    var connect = new NetworkRequests.Connect(network, r.id(), r.name(), null, aliases(r), true);
    return Bus.request(bus, Addresses.NETWORK_CONNECT, connect, Attached.class);
  }

  private static List<String> aliases(ContainerRecord r) {
    HostSettings host = r.effective().host();
    return host == null ? List.of() : host.names().aliases();
  }

  @Override
  public Future<Void> beforeStart(ContainerRecord r) {
    String target = SharedNetns.targetOf(modeOf(r));
    if (target != null) {
      return workers.executeBlocking(() -> {
        ContainerRecord other = records.apply(target).orElse(null);
        SharedNetns.requireRunning(target, other);
        SharedNetns.join(applier.net(), files, r.id(), other);
        return null;
      }, false);
    }
    String primary = networkOf(modeOf(r));
    if (primary == null) {
      return Future.succeededFuture();
    }
    return pendingTeardown.getOrDefault(r.id(), Future.succeededFuture())
        .compose(v -> endpoints.of(r.id()))
        .compose(all -> all.isEmpty() ? connect(primary, r).map(List::of) : Future.succeededFuture(all))
        .compose(all -> workers.executeBlocking(() -> linkAll(r, ContainerEndpoints.ordered(all, primary)), false))
        .compose(all -> joinedNow(r, all))
        .recover(t -> noNetworkService(t, r));
  }

  /**
   * Links every network of a starting container, then its DNS redirect (on a user network) and
   * its hosts and resolv.conf; on failure nothing of it is left.
   */
  private List<Attached> linkAll(ContainerRecord r, List<Attached> all) {
    long t0 = System.nanoTime();
    applier.detach(r.id(), applied.removeAll(r.id()));
    boolean embedded;
    try {
      for (Attached a : all) {
        LinkPlan plan = LinkPlan.of(r.id(), a.network(), a.endpoint(), applied.freeIndex(r.id()));
        applied.put(r.id(), a.network().id(), plan);
        applier.attach(plan);
      }
      embedded = dnsSetup.install(r.id(), applied.all(r.id()));
    } catch (RuntimeException e) {
      applier.detach(r.id(), applied.removeAll(r.id()));
      throw e;
    }
    long t1 = System.nanoTime();
    if (!all.isEmpty()) {
      ResolverFiles.write(files, r.id(), r.effective(), applied.get(r.id(), all.get(0).network().id()), embedded);
    }
    LOG.debug("network {}: links {} ms, files {} ms", r.id(), (t1 - t0) / 1_000_000,
        (System.nanoTime() - t1) / 1_000_000);
    return all;
  }

  /** The links are up: the network events go out, and the embedded DNS serves the container. */
  private Future<Void> joinedNow(ContainerRecord r, List<Attached> all) {
    joined.joined(r.id(), all.stream().map(Attached::network).toList());
    return dnsSetup.serve(r, all);
  }

  /**
   * Live-restore of a container that kept running: its links are matched again (and made again
   * where lost, see {@link AdoptedLinks}), its 127.0.0.11 redirect checked (and restored where
   * lost), and the embedded DNS serves its user networks again. The network role is deployed
   * before the node role, so its endpoints are there when this runs.
   */
  @Override
  public Future<Void> adopted(ContainerRecord r) {
    String primary = networkOf(modeOf(r));
    if (primary == null) {
      return Future.succeededFuture();
    }
    AdoptedLinks adopted = new AdoptedLinks(applier, applied);
    return endpoints.of(r.id())
        .compose(all -> workers.executeBlocking(() -> {
          List<Attached> linked = adopted.relink(r.id(), ContainerEndpoints.ordered(all, primary));
          dnsSetup.ensure(r.id(), applied.all(r.id()));
          return linked;
        }, false))
        .compose(linked -> {
          joined.rejoined(r.id(), linked.stream().map(Attached::network).toList());
          return dnsSetup.serve(r, linked);
        })
        .recover(t -> {
          LOG.warn("restoring the networks of {} failed: {}", r.id(), t.getMessage());
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Void> connectedLive(ContainerRecord r, Attached a) {
    if (networkOf(modeOf(r)) == null) {
      return Future.succeededFuture();
    }
    return workers.<List<Attached>>executeBlocking(() -> {
      if (applied.get(r.id(), a.network().id()) != null) {
        return List.of();
      }
      int index = applied.freeIndex(r.id(), NetnsInterfaces.of(r.id()).keySet());
      LinkPlan plan = LinkPlan.of(r.id(), a.network(), a.endpoint(), index);
      applied.put(r.id(), a.network().id(), plan);
      try {
        applier.attach(plan);
        if (dnsSetup.connected(r.id(), plan)) {
          ResolverFiles.useEmbedded(files, r.id(), r.effective());
        }
        ResolverFiles.selfLine(files, r.id(), r.effective(), plan, true);
      } catch (RuntimeException e) {
        applied.remove(r.id(), a.network().id());
        applier.unlink(plan);
        throw e;
      }
      return List.of(a);
    }, false).compose(linked -> joinedNow(r, linked));
  }

  @Override
  public Future<Void> disconnectedLive(ContainerRecord r, Attached a) {
    return workers.<Void>executeBlocking(() -> {
      LinkPlan plan = applied.remove(r.id(), a.network().id());
      if (plan == null) {
        int index = NetnsInterfaces.indexWithMac(NetnsInterfaces.of(r.id()), a.endpoint().mac());
        plan = index < 0 ? null : LinkPlan.of(r.id(), a.network(), a.endpoint(), index);
      }
      if (plan != null) {
        applier.unlink(plan);
        dnsSetup.disconnected(r.id(), plan, applied.all(r.id()));
        ResolverFiles.selfLine(files, r.id(), r.effective(), plan, false);
        unusedBridgeGone(plan);
      }
      return null;
    }, false).onSuccess(v -> joined.left(r.id(), a.network()));
  }

  private void unusedBridgeGone(LinkPlan plan) {
    if (applier.removeBridgeIfUnused(plan)) {
      dnsSetup.bridgeGone(plan);
    }
  }

  /** The link applied for a container by this process on its eth0 (the network of its mode), or null. */
  public LinkPlan linkOf(String id) {
    return applied.primary(id);
  }

  /** A node running without any network-service in its cluster keeps loopback-only namespaces. */
  private Future<Void> noNetworkService(Throwable t, ContainerRecord r) {
    WharfException w = WharfException.of(t);
    if (w.category() == ErrorCategory.UNAVAILABLE && w.getMessage().startsWith("no service answers")) {
      LOG.warn("no network-service in the cluster: {} gets loopback only", r.id());
      return Future.succeededFuture();
    }
    return Future.failedFuture(t);
  }

  /**
   * Tears the container's links down after the caller has moved on: the namespace and veths go on
   * a worker (a start of the same container, and its removal, wait for it), so the exit does not
   * pay for it. A daemon restarted since the start (the container exited while no daemon ran) has
   * no plans: they are found from its recorded endpoints and the MACs in its namespace, so that a
   * user bridge left without port goes with its rules.
   */
  @Override
  public Future<Void> stopped(String id) {
    List<LinkPlan> known = applied.removeAll(id);
    dnsSetup.forget(id);
    joined.leftAll(id);
    boolean forgotten = known.isEmpty() && records.apply(id).map(r -> networkOf(modeOf(r)) != null).orElse(false);
    Future<Void> teardown = pendingTeardown.getOrDefault(id, Future.succeededFuture())
        .compose(v -> forgotten ? endpoints.of(id).otherwise(List.of()) : Future.succeededFuture(List.<Attached>of()))
        .compose(all -> workers.<Void>executeBlocking(() -> {
          List<LinkPlan> plans = forgotten ? AdoptedLinks.linksIn(id, all) : known;
          applier.detach(id, plans);
          plans.forEach(this::unusedBridgeGone);
          return null;
        }, false)).recover(t -> {
          LOG.warn("network teardown of {} failed: {}", id, t.getMessage());
          return Future.succeededFuture();
        });
    pendingTeardown.put(id, teardown);
    teardown.onComplete(x -> pendingTeardown.remove(id, teardown));
    return Future.succeededFuture();
  }

  /**
   * At daemon stop: the bridges this process set up go when no container port is left on them
   * (containers that keep running, live-restore, keep theirs), so a stopped daemon leaves no
   * bridge, rule or chain behind.
   */
  public Future<Void> shutdown() {
    return Future.join(List.copyOf(pendingTeardown.values())).transform(x -> workers.<Void>executeBlocking(() -> {
      applier.removeAllUnused();
      return null;
    }, false)).recover(t -> {
      LOG.warn("network cleanup at stop failed: {}", t.getMessage());
      return Future.succeededFuture();
    });
  }

  /**
   * Tears the namespace down and gives back every endpoint of the container (all its networks).
   * Waits for the teardown (begun at the exit, so mostly done): after {@code docker rm} returns the
   * namespace is gone, and a following {@code network rm} finds no port left on the bridge.
   */
  @Override
  public Future<Void> removed(ContainerRecord r) {
    return stopped(r.id()).compose(v -> pendingTeardown.getOrDefault(r.id(), Future.succeededFuture()))
        .compose(v -> endpoints.of(r.id()))
        .compose(all -> Future.all(all.stream().map(a -> Bus.request(bus, Addresses.NETWORK_DISCONNECT,
            new NetworkRequests.Disconnect(a.network().id(), r.id(), true), Attached.class)).toList()))
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.debug("disconnect of {} from its networks: {}", r.id(), t.getMessage());
          return Future.succeededFuture();
        });
  }
}
