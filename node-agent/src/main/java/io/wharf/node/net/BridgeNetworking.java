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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge networking for the containers of this node. At start every network recorded for the
 * container (its mode's network, plus those of {@code docker network connect}) is linked:
 * eth0 for the mode's network, with the default route, eth1... for the others; a running
 * container is linked to (or unlinked from) one network live. At exit the namespace goes.
 * Mode container:&lt;id&gt; joins that container's namespace ({@link SharedNetns}); host and none are
 * left alone.
 */
public final class BridgeNetworking implements ContainerNetworking {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeNetworking.class);

  private final EventBus bus;
  private final WorkerExecutor workers;
  private final LinkApplier applier;
  private final ContainerFiles files;
  private final EmbeddedDns dns;
  private final ContainerEndpoints endpoints;
  private final Function<String, Optional<ContainerRecord>> records;
  private final AppliedLinks applied = new AppliedLinks();

  /** @param records this node's containers by id, for container:&lt;id&gt; */
  public BridgeNetworking(EventBus bus, SharedData data, WorkerExecutor workers, LinkApplier applier,
      ContainerFiles files, EmbeddedDns dns, Function<String, Optional<ContainerRecord>> records) {
    this.bus = bus;
    this.workers = workers;
    this.applier = applier;
    this.files = files;
    this.dns = dns;
    this.endpoints = new ContainerEndpoints(data);
    this.records = records;
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

  private Future<Attached> connect(String network, ContainerRecord r) {
    var connect = new NetworkRequests.Connect(network, r.id(), r.name(), null, List.of(), true);
    return Bus.request(bus, Addresses.NETWORK_CONNECT, connect, Attached.class);
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
    return endpoints.of(r.id())
        .compose(all -> all.isEmpty() ? connect(primary, r).map(List::of) : Future.succeededFuture(all))
        .compose(all -> workers.executeBlocking(() -> linkAll(r, ContainerEndpoints.ordered(all, primary)), false))
        .compose(this::serveDns)
        .recover(t -> noNetworkService(t, r));
  }

  /** Links every network of a starting container; on failure nothing of it is left. */
  private List<Attached> linkAll(ContainerRecord r, List<Attached> all) {
    applier.detach(r.id(), applied.removeAll(r.id()));
    try {
      for (Attached a : all) {
        LinkPlan plan = LinkPlan.of(r.id(), a.network(), a.endpoint(), applied.freeIndex(r.id()));
        applied.put(r.id(), a.network().id(), plan);
        applier.attach(plan);
      }
    } catch (RuntimeException e) {
      applier.detach(r.id(), applied.removeAll(r.id()));
      throw e;
    }
    if (!all.isEmpty()) {
      Attached first = all.get(0);
      ResolverFiles.write(files, r.id(), applied.get(r.id(), first.network().id()), isUserNetwork(first));
    }
    return all;
  }

  private static boolean isUserNetwork(Attached a) {
    return !a.network().name().equals(BuiltinNetworks.BRIDGE);
  }

  private Future<Void> serveDns(List<Attached> all) {
    List<Future<Void>> serving = new ArrayList<>();
    for (Attached a : all) {
      if (isUserNetwork(a)) {
        serving.add(dns.serve(a.endpoint().gateway(), a.network().id()));
      }
    }
    return Future.all(serving).mapEmpty();
  }

  /**
   * Live-restore of a container that kept running: its links are matched again (and made again
   * where lost, see {@link AdoptedLinks}), and the embedded DNS serves its user networks again.
   */
  @Override
  public Future<Void> adopted(ContainerRecord r) {
    String primary = networkOf(modeOf(r));
    if (primary == null) {
      return Future.succeededFuture();
    }
    AdoptedLinks adopted = new AdoptedLinks(applier, applied);
    return endpoints.of(r.id())
        .compose(all -> workers.executeBlocking(() -> adopted.relink(r.id(), ContainerEndpoints.ordered(all, primary)), false))
        .compose(this::serveDns)
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
      } catch (RuntimeException e) {
        applied.remove(r.id(), a.network().id());
        applier.unlink(plan);
        throw e;
      }
      return List.of(a);
    }, false).compose(this::serveDns);
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
        unusedBridgeGone(plan);
      }
      return null;
    }, false);
  }

  private void unusedBridgeGone(LinkPlan plan) {
    if (applier.removeBridgeIfUnused(plan)) {
      dns.stop(plan.gateway());
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
   * Tears the container's links down. A daemon restarted since the start (the container exited
   * while no daemon ran) has no plans: they are found from its recorded endpoints and the MACs
   * in its namespace, so that a user bridge left without port goes with its rules.
   */
  @Override
  public Future<Void> stopped(String id) {
    List<LinkPlan> known = applied.removeAll(id);
    boolean forgotten = known.isEmpty() && records.apply(id).map(r -> networkOf(modeOf(r)) != null).orElse(false);
    Future<List<Attached>> recorded = forgotten ? endpoints.of(id).otherwise(List.of()) : Future.succeededFuture(List.of());
    return recorded.compose(all -> workers.<Void>executeBlocking(() -> {
      List<LinkPlan> plans = forgotten ? AdoptedLinks.linksIn(id, all) : known;
      applier.detach(id, plans);
      plans.forEach(this::unusedBridgeGone);
      return null;
    }, false)).recover(t -> {
      LOG.warn("network teardown of {} failed: {}", id, t.getMessage());
      return Future.succeededFuture();
    });
  }

  /**
   * At daemon stop: the bridges this process set up go when no container port is left on them
   * (containers that keep running, live-restore, keep theirs), so a stopped daemon leaves no
   * bridge, rule or chain behind.
   */
  public Future<Void> shutdown() {
    return workers.<Void>executeBlocking(() -> {
      applier.removeAllUnused();
      return null;
    }, false).recover(t -> {
      LOG.warn("network cleanup at stop failed: {}", t.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Tears the namespace down and gives back every endpoint of the container (all its networks). */
  @Override
  public Future<Void> removed(ContainerRecord r) {
    return stopped(r.id()).compose(v -> endpoints.of(r.id()))
        .compose(all -> Future.all(all.stream().map(a -> Bus.request(bus, Addresses.NETWORK_DISCONNECT,
            new NetworkRequests.Disconnect(a.network().id(), r.id(), true), Attached.class)).toList()))
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.debug("disconnect of {} from its networks: {}", r.id(), t.getMessage());
          return Future.succeededFuture();
        });
  }
}
