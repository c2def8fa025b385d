package io.wharf.network;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.event.WharfEvent;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.NetworkRecord;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Serves the {@code NETWORK_*} addresses over the network cluster maps. Config: {@code dataRoot}
 * (optional: networks and endpoints this member changes are saved under {@code <dataRoot>/networks}
 * and loaded back at start, see {@link SavedNetworks}; without it they live in the maps only),
 * {@code bridgeSubnet} (default {@value BuiltinNetworks#DEFAULT_BRIDGE_SUBNET}), the default
 * bridge's subnet, used only when the cluster has no {@code bridge} record yet. Any number of
 * instances may run: every decision goes through putIfAbsent on the maps. {@code nodeId} names the
 * member in the network create/destroy events.
 */
public final class NetworkVerticle extends VerticleBase {
  private NetworkCatalog catalog;
  private Endpoints endpoints;

  @Override
  public Future<?> start() {
    String dataRoot = config().getString("dataRoot");
    NetworkFiles files = dataRoot == null ? null : new NetworkFiles(Path.of(dataRoot).resolve("networks"));
    NetworkStore store = files == null ? new NetworkStore(vertx.sharedData()) : new NetworkStore(vertx, files);
    catalog = new NetworkCatalog(store, Clock.systemUTC());
    endpoints = new Endpoints(store, catalog);
    String bridgeSubnet = config().getString("bridgeSubnet", BuiltinNetworks.DEFAULT_BRIDGE_SUBNET);
    String nodeId = config().getString("nodeId", "local");
    catalog.onRemoved(n -> event("destroy", n, nodeId));
    var bus = vertx.eventBus();
    Future<Void> loaded = files == null ? Future.succeededFuture()
        : vertx.executeBlocking(files::load, true).compose(new SavedNetworks(store)::restore);
    return loaded.compose(v -> catalog.ensureBuiltins(bridgeSubnet)).compose(v -> Future.all(List.of(
        Bus.serve(bus, Addresses.NETWORK_CREATE, NetworkRequests.Create.class,
            req -> catalog.create(req).onSuccess(n -> event("create", n, nodeId))
                .map(n -> new NetworkRequests.Created(n.id(), ""))).completion(),
        Bus.serve(bus, Addresses.NETWORK_INSPECT, NetworkRequests.Ref.class,
            req -> catalog.resolve(req.network()).compose(catalog::details)).completion(),
        Bus.serve(bus, Addresses.NETWORK_LIST, NetworkRequests.Filtered.class,
            req -> catalog.list(new NetworkFilter(req.filters())).map(NetworkRequests.Listing::new)).completion(),
        Bus.serve(bus, Addresses.NETWORK_REMOVE, NetworkRequests.Ref.class,
            req -> catalog.remove(req.network()).map(x -> req)).completion(),
        Bus.serve(bus, Addresses.NETWORK_PRUNE, NetworkRequests.Filtered.class,
            req -> catalog.prune(new NetworkFilter(req.filters())).map(NetworkRequests.Pruned::new)).completion(),
        Bus.serve(bus, Addresses.NETWORK_CONNECT, NetworkRequests.Connect.class,
            req -> endpoints.connect(req)).completion(),
        Bus.serve(bus, Addresses.NETWORK_DISCONNECT, NetworkRequests.Disconnect.class,
            req -> endpoints.disconnect(req.network(), req.containerId())).completion(),
        Bus.serve(bus, Addresses.NETWORK_RENAME, NetworkRequests.Rename.class,
            req -> endpoints.rename(req.containerId(), req.containerName())
                .map(NetworkRequests.Renamed::new)).completion())));
  }

  /** Docker's "network create/destroy": Actor.ID the network id, attributes name and type (driver). */
  private void event(String action, NetworkRecord n, String nodeId) {
    java.time.Instant t = java.time.Instant.now();
    String type = n.driver() == null ? "null" : n.driver();
    Bus.publish(vertx.eventBus(), Addresses.EVENTS, new WharfEvent("network", action, n.id(),
        java.util.Map.of("name", n.name(), "type", type), t.getEpochSecond() * 1_000_000_000L + t.getNano(), nodeId));
  }

}
