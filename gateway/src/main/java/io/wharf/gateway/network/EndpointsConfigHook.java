package io.wharf.gateway.network;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.network.NetworkRequests;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.gateway.container.ContainerBackend;
import io.wharf.gateway.container.ContainerDirectory;
import io.wharf.gateway.container.CreateNetworkHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Networking's part of {@code POST /containers/create}. Before: {@code container:<name>} is
 * resolved to the full id (as dockerd stores it) and Docker's conflicts are refused. After: each
 * {@code NetworkingConfig.EndpointsConfig} entry is applied to the created container: aliases or
 * {@code --ip} on the mode's network re-make its endpoint, any other network is connected (API
 * 1.44's several {@code --network}). If that fails the container is removed: nothing half-made.
 */
public final class EndpointsConfigHook implements CreateNetworkHook {
  private final EventBus bus;
  private final ContainerBackend containers;

  public EndpointsConfigHook(EventBus bus, ContainerBackend containers) {
    this.bus = bus;
    this.containers = containers;
  }

  @Override
  public Future<JsonObject> before(JsonObject body) {
    try {
      EndpointsConfig.validate(body);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    String target = EndpointsConfig.sharedTarget(body);
    if (target == null) {
      return Future.succeededFuture(EndpointsConfig.moveContainerMac(body));
    }
    return containers.list().map(all -> ContainerDirectory.resolve(all, target))
        .compose(c -> containers.inspect(c, false).map(d -> {
          JsonObject copy = body.copy();
          copy.getJsonObject("HostConfig").put("NetworkMode", "container:" + c.id());
          return takeNames(copy, c, d.effective());
        }));
  }

  /**
   * As dockerd does, a container joining another's network namespace takes its hostname and
   * domainname (its own --hostname is refused by {@link EndpointsConfig#validate}).
   */
  static JsonObject takeNames(JsonObject body, ContainerSummary target, ContainerSpec spec) {
    if ("host".equals(body.getJsonObject("HostConfig").getString("UTSMode"))) {
      return body; // the host's UTS namespace: no hostname of its own to set
    }
    String hostname = spec == null ? null : spec.hostname();
    body.put("Hostname", hostname != null && !hostname.isEmpty() ? hostname
        : target.id().substring(0, Math.min(12, target.id().length())));
    String domainname = spec == null ? null : spec.domainname();
    if (domainname != null && !domainname.isEmpty()) {
      body.put("Domainname", domainname);
    }
    return body;
  }

  @Override
  public Future<Void> after(String containerId, JsonObject body) {
    Map<String, JsonObject> entries = EndpointsConfig.entries(body);
    String mode = EndpointsConfig.mode(body);
    if (entries.isEmpty() || EndpointsConfig.isShared(mode)) {
      return Future.succeededFuture();
    }
    return containers.list().map(all -> ContainerDirectory.resolve(all, containerId)).compose(c -> {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, JsonObject> e : entries.entrySet()) {
        chain = chain.compose(v -> apply(c, mode, e.getKey(), e.getValue()));
      }
      return chain.recover(t -> containers.remove(c, true, true).transform(x -> Future.failedFuture(t)));
    });
  }

  private Future<Void> apply(ContainerSummary c, String mode, String key, JsonObject cfg) {
    // "default" is the CLI's key for the default mode (docker run --mac-address): the bridge network
    String network = key.equals("default") ? "bridge" : key;
    List<String> aliases = aliases(cfg);
    String ip = EndpointsConfig.ipv4(cfg);
    String mac = EndpointsConfig.mac(cfg);
    boolean primary = EndpointsConfig.isPrimary(mode, network);
    if (primary && aliases.isEmpty() && ip == null && mac == null) {
      return Future.succeededFuture();
    }
    Future<?> cleared = primary ? Bus.request(bus, Addresses.NETWORK_DISCONNECT,
        new NetworkRequests.Disconnect(network, c.id(), true), Attached.class) : Future.succeededFuture();
    return cleared.compose(v -> Bus.request(bus, Addresses.NETWORK_CONNECT,
        new NetworkRequests.Connect(network, c.id(), c.name(), ip, aliases, false, mac), Attached.class))
        .mapEmpty();
  }

  static List<String> aliases(JsonObject cfg) {
    List<String> out = new ArrayList<>();
    JsonArray a = cfg.getJsonArray("Aliases");
    if (a != null) {
      a.forEach(x -> {
        if (x != null && !String.valueOf(x).isEmpty() && !out.contains(String.valueOf(x))) {
          out.add(String.valueOf(x));
        }
      });
    }
    return out;
  }

  static WharfException conflict(String what) {
    return WharfException.invalid("conflicting options: " + what);
  }
}
