package io.wharf.node.net;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.HostSettings;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.node.ContainerFiles;
import io.wharf.node.ContainerNetworking;
import io.wharf.node.ContainerRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge networking for the containers of this node: asks the network-service for the
 * container's endpoint (kept across restarts), applies the {@link LinkPlan} on a worker, and
 * takes the namespace down at exit. Modes host, none and container:&lt;id&gt; are left alone.
 */
public final class BridgeNetworking implements ContainerNetworking {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeNetworking.class);

  private final EventBus bus;
  private final WorkerExecutor workers;
  private final LinkApplier applier;
  private final ContainerFiles files;
  private final EmbeddedDns dns;
  private final Map<String, LinkPlan> applied = new ConcurrentHashMap<>();

  /** Teardowns still running: a start of the same container waits for its own (names are reused). */
  private final Map<String, Future<Void>> pendingTeardown = new ConcurrentHashMap<>();
  private final Map<String, NetworkRecord> joined = new ConcurrentHashMap<>();
  /** The endpoint got at create, used by the first start (saves a second request on the run path). */
  private final Map<String, Attached> fromCreate = new ConcurrentHashMap<>();
  private final DnsRedirect redirect;
  private volatile NetworkEvents events = NetworkEvents.NONE;

  public BridgeNetworking(EventBus bus, WorkerExecutor workers, LinkApplier applier, ContainerFiles files,
      EmbeddedDns dns) {
    this.bus = bus;
    this.workers = workers;
    this.applier = applier;
    this.files = files;
    this.dns = dns;
    this.redirect = new DnsRedirect(applier.net());
  }

  /** Where "network connect/disconnect" events go (the node's cluster view). */
  public void publishEventsTo(NetworkEvents sink) {
    this.events = sink;
  }

  /** The network a mode names, or null when the container gets no bridge endpoint. */
  public static String networkOf(String mode) {
    if (mode == null || mode.isEmpty() || mode.equals("default")) {
      return BuiltinNetworks.BRIDGE;
    }
    if (mode.equals(BuiltinNetworks.HOST) || mode.equals(BuiltinNetworks.NONE) || mode.startsWith("container:")) {
      return null;
    }
    return mode;
  }

  private static String networkOf(ContainerRecord r) {
    HostSettings host = r.effective().host();
    return networkOf(host == null ? null : host.networkMode());
  }

  @Override
  public Future<Void> created(ContainerRecord r) {
    String network = networkOf(r);
    if (network == null) {
      return Future.succeededFuture();
    }
    var connect = new NetworkRequests.Connect(network, r.id(), r.name(), null, aliases(r), true);
    return Bus.request(bus, Addresses.NETWORK_CONNECT, connect, Attached.class)
        .onSuccess(a -> fromCreate.put(r.id(), a)).<Void>mapEmpty()
        .recover(t -> noNetworkService(t, r));
  }

  @Override
  public Future<Void> beforeStart(ContainerRecord r) {
    String network = networkOf(r);
    if (network == null) {
      return Future.succeededFuture();
    }
    var connect = new NetworkRequests.Connect(network, r.id(), r.name(), null, aliases(r), true);
    Attached known = fromCreate.remove(r.id());
    return pendingTeardown.getOrDefault(r.id(), Future.succeededFuture())
        .compose(v -> known != null ? Future.succeededFuture(known)
            : Bus.request(bus, Addresses.NETWORK_CONNECT, connect, Attached.class))
        .compose(a -> workers.<Void>executeBlocking(() -> {
          long t0 = System.nanoTime();
          LinkPlan plan = LinkPlan.of(r.id(), a.network(), a.endpoint(), 0);
          applier.detach(r.id(), applied.remove(r.id()));
          try {
            applier.attach(plan);
            if (usesEmbeddedDns(a.network())) {
              redirect.install(plan.netns(), plan.ifName(), plan.gateway(), a.endpoint().ipv4());
            }
          } catch (RuntimeException e) {
            applier.detach(r.id(), plan);
            throw e;
          }
          applied.put(r.id(), plan);
          long t1 = System.nanoTime();
          ResolverFiles.write(files, r.id(), r.effective(), plan, usesEmbeddedDns(a.network()));
          LOG.debug("network {}: links {} ms, files {} ms", r.id(), (t1 - t0) / 1_000_000,
              (System.nanoTime() - t1) / 1_000_000);
          return null;
        }, false).compose(v -> joinedNow(r, a)))
        .recover(t -> noNetworkService(t, r));
  }

  /** Docker gives the embedded DNS to user networks only; the default bridge keeps the host's resolvers. */
  private static boolean usesEmbeddedDns(NetworkRecord n) {
    return !n.name().equals(BuiltinNetworks.BRIDGE);
  }

  private static List<String> aliases(ContainerRecord r) {
    HostSettings host = r.effective().host();
    return host == null ? List.of() : host.names().aliases();
  }

  /** The link is up: the network event goes out, and DNS serves the container. */
  private Future<Void> joinedNow(ContainerRecord r, Attached a) {
    events.event("connect", a.network(), r.id());
    return served(r, a);
  }

  private Future<Void> served(ContainerRecord r, Attached a) {
    joined.put(r.id(), a.network());
    if (!usesEmbeddedDns(a.network())) {
      return Future.succeededFuture();
    }
    HostSettings host = r.effective().host();
    dns.register(r.id(), host == null ? List.of() : host.names().dns());
    return dns.serve(a.endpoint().gateway(), a.network().id());
  }

  /**
   * After a daemon restart, for a container that kept running: its endpoint, bridge, rules, veth
   * and DNS redirect are checked and re-made where lost, and the embedded DNS serves it again.
   */
  @Override
  public Future<Void> adopted(ContainerRecord r) {
    String network = networkOf(r);
    if (network == null) {
      return Future.succeededFuture();
    }
    var connect = new NetworkRequests.Connect(network, r.id(), r.name(), null, aliases(r), true);
    return NetworkServiceCalls.connectOnceServed(bus, connect)
        .compose(a -> workers.<Void>executeBlocking(() -> {
          LinkPlan plan = LinkPlan.of(r.id(), a.network(), a.endpoint(), 0);
          if (applier.reattach(plan) && usesEmbeddedDns(a.network())) {
            redirect.ensure(plan.netns(), plan.ifName(), plan.gateway(), a.endpoint().ipv4());
          }
          applied.put(r.id(), plan);
          return null;
        }, false).compose(v -> served(r, a)))
        .recover(t -> {
          LOG.warn("re-applying the network of {} failed: {}", r.id(), t.getMessage());
          return Future.succeededFuture();
        });
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
   * Takes the container's link down after the caller has moved on: the namespace and veth go on a
   * worker (a start of the same container, and its removal, wait for it), so the exit does not
   * pay for it and a removal right after it overlaps with it.
   */
  @Override
  public Future<Void> stopped(String id) {
    LinkPlan plan = applied.remove(id);
    NetworkRecord network = joined.remove(id);
    dns.forget(id);
    if (network != null) {
      events.event("disconnect", network, id);
    }
    Future<Void> teardown = pendingTeardown.getOrDefault(id, Future.succeededFuture())
        .compose(v -> workers.<Void>executeBlocking(() -> {
          applier.detach(id, plan);
          if (plan != null && applier.removeBridgeIfUnused(plan)) {
            dns.stop(plan.gateway());
          }
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

  @Override
  public Future<Void> removed(ContainerRecord r) {
    fromCreate.remove(r.id());
    String network = networkOf(r);
    if (network == null) {
      return Future.succeededFuture();
    }
    // removal waits for the teardown (begun at the exit, so mostly done): after `docker rm` returns
    // the namespace is gone, and a following `network rm` finds no port left on the bridge
    return stopped(r.id()).compose(v -> pendingTeardown.getOrDefault(r.id(), Future.succeededFuture()))
        .compose(v -> Bus.request(bus, Addresses.NETWORK_DISCONNECT,
            new NetworkRequests.Disconnect(network, r.id(), true), Attached.class))
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.debug("disconnect of {} from {}: {}", r.id(), network, t.getMessage());
          return Future.succeededFuture();
        });
  }
}
