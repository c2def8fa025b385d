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

  public BridgeNetworking(EventBus bus, WorkerExecutor workers, LinkApplier applier, ContainerFiles files,
      EmbeddedDns dns) {
    this.bus = bus;
    this.workers = workers;
    this.applier = applier;
    this.files = files;
    this.dns = dns;
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
    var connect = new NetworkRequests.Connect(network, r.id(), r.name(), null, List.of(), true);
    return Bus.request(bus, Addresses.NETWORK_CONNECT, connect, Attached.class).<Void>mapEmpty()
        .recover(t -> noNetworkService(t, r));
  }

  @Override
  public Future<Void> beforeStart(ContainerRecord r) {
    String network = networkOf(r);
    if (network == null) {
      return Future.succeededFuture();
    }
    var connect = new NetworkRequests.Connect(network, r.id(), r.name(), null, List.of(), true);
    return Bus.request(bus, Addresses.NETWORK_CONNECT, connect, Attached.class)
        .compose(a -> workers.<Void>executeBlocking(() -> {
          LinkPlan plan = LinkPlan.of(r.id(), a.network(), a.endpoint(), 0);
          applier.detach(r.id(), applied.remove(r.id()));
          try {
            applier.attach(plan);
          } catch (RuntimeException e) {
            applier.detach(r.id(), plan);
            throw e;
          }
          applied.put(r.id(), plan);
          boolean userNetwork = !a.network().name().equals(BuiltinNetworks.BRIDGE);
          ResolverFiles.write(files, r.id(), plan, userNetwork);
          return null;
        }, false).compose(v -> a.network().name().equals(BuiltinNetworks.BRIDGE) ? Future.<Void>succeededFuture()
            : dns.serve(a.endpoint().gateway(), a.network().id())))
        .recover(t -> noNetworkService(t, r));
  }

  /** The link applied for a container by this process (its eth0), or null. */
  public LinkPlan linkOf(String id) {
    return applied.get(id);
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

  @Override
  public Future<Void> stopped(String id) {
    return workers.<Void>executeBlocking(() -> {
      LinkPlan plan = applied.remove(id);
      applier.detach(id, plan);
      if (plan != null && applier.removeBridgeIfUnused(plan)) {
        dns.stop(plan.gateway());
      }
      return null;
    }, false).recover(t -> {
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

  @Override
  public Future<Void> removed(ContainerRecord r) {
    String network = networkOf(r);
    if (network == null) {
      return Future.succeededFuture();
    }
    return stopped(r.id()).compose(v -> Bus.request(bus, Addresses.NETWORK_DISCONNECT,
            new NetworkRequests.Disconnect(network, r.id(), true), Attached.class))
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.debug("disconnect of {} from {}: {}", r.id(), network, t.getMessage());
          return Future.succeededFuture();
        });
  }
}
