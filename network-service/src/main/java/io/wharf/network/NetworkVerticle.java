package io.wharf.network;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.network.BuiltinNetworks;
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
 * instances may run: every decision goes through putIfAbsent on the maps.
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
    var bus = vertx.eventBus();
    Future<Void> loaded = files == null ? Future.succeededFuture()
        : vertx.executeBlocking(files::load, true).compose(new SavedNetworks(store)::restore);
    return loaded.compose(v -> catalog.ensureBuiltins(bridgeSubnet)).compose(v -> Future.all(List.of(
        Bus.serve(bus, Addresses.NETWORK_CREATE, NetworkRequests.Create.class,
            req -> catalog.create(req).map(n -> new NetworkRequests.Created(n.id(), ""))).completion(),
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
            req -> endpoints.disconnect(req.network(), req.containerId())).completion())));
  }

}
