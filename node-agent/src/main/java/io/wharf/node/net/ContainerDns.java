package io.wharf.node.net;

import io.vertx.core.Future;
import io.wharf.api.container.HostSettings;
import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.NetworkRequests.Attached;
import io.wharf.node.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded DNS side of a container's links. A container on at least one user network gets the
 * 127.0.0.11 redirect ({@link DnsRedirect}) to the gateway of its first user network: the
 * responder there answers the names of every network the container is on ({@link DnsScope}), so
 * one redirect serves them all. The responder listens on the gateway of each of its user networks
 * (a live connect adds one), and the container's --dns servers are its upstreams. The default
 * bridge gets none of it, as in Docker. Methods taking plans block (call from a worker); serving
 * runs on the caller's context.
 */
final class ContainerDns {
  private final DnsRedirect redirect;
  private final EmbeddedDns dns;
  /** container id -> the link (a user network's) its 127.0.0.11 redirect goes through */
  private final Map<String, LinkPlan> redirected = new ConcurrentHashMap<>();

  ContainerDns(HostNet net, EmbeddedDns dns) {
    this.redirect = new DnsRedirect(net);
    this.dns = dns;
  }

  /** Docker gives the embedded DNS to user networks only; the default bridge keeps the host's resolvers. */
  static boolean isUserNetwork(LinkPlan p) {
    return !p.bridge().equals("wharf0");
  }

  private static String ipOf(LinkPlan p) {
    return p.address().substring(0, p.address().indexOf('/'));
  }

  /**
   * A fresh namespace (start): the redirect through the first user network among {@code linked}.
   * True when the container uses the embedded DNS (its resolv.conf names 127.0.0.11).
   */
  boolean install(String id, List<LinkPlan> linked) {
    LinkPlan user = linked.stream().filter(ContainerDns::isUserNetwork).findFirst().orElse(null);
    redirected.remove(id);
    if (user == null) {
      return false;
    }
    redirect.install(user.netns(), user.ifName(), user.gateway(), ipOf(user));
    redirected.put(id, user);
    return true;
  }

  /** A namespace that outlived the agent: the redirect checked and restored where lost (route_localnet too). */
  void ensure(String id, List<LinkPlan> linked) {
    LinkPlan user = linked.stream().filter(ContainerDns::isUserNetwork).findFirst().orElse(null);
    if (user != null) {
      redirect.ensure(user.netns(), user.ifName(), user.gateway(), ipOf(user));
      redirected.put(id, user);
    }
  }

  /**
   * A running container got one more link: a container without a redirect yet gets one when the
   * link is a user network's. True when it did (its resolv.conf must now name 127.0.0.11).
   */
  boolean connected(String id, LinkPlan plan) {
    if (!isUserNetwork(plan) || redirected.containsKey(id)) {
      return false;
    }
    redirect.install(plan.netns(), plan.ifName(), plan.gateway(), ipOf(plan));
    redirected.put(id, plan);
    return true;
  }

  /**
   * A running container lost one link: when its redirect went through it, the redirect moves to
   * another of its user networks (the namespace's nat table is Wharf's alone), if any is left.
   */
  void disconnected(String id, LinkPlan gone, List<LinkPlan> left) {
    LinkPlan current = redirected.get(id);
    if (current == null || !current.ifName().equals(gone.ifName())) {
      return;
    }
    redirected.remove(id);
    LinkPlan next = left.stream().filter(ContainerDns::isUserNetwork).findFirst().orElse(null);
    if (next != null) {
      redirect.replace(next.netns(), next.ifName(), next.gateway(), ipOf(next));
      redirected.put(id, next);
    }
  }

  /** The responder serves the gateways of the container's user networks, with its --dns upstreams. */
  Future<Void> serve(ContainerRecord r, List<Attached> linked) {
    List<Future<Void>> serving = new ArrayList<>();
    HostSettings host = r.effective().host();
    dns.register(r.id(), host == null ? List.of() : host.names().dns());
    for (Attached a : linked) {
      if (!a.network().name().equals(BuiltinNetworks.BRIDGE)) {
        serving.add(dns.serve(a.endpoint().gateway(), a.network().id()));
      }
    }
    return Future.all(serving).mapEmpty();
  }

  /** The container stopped: its upstreams and redirect are forgotten (the namespace goes with it). */
  void forget(String id) {
    dns.forget(id);
    redirected.remove(id);
  }

  /** The network's bridge went: nothing to answer on its gateway any more. */
  void bridgeGone(LinkPlan p) {
    dns.stop(p.gateway());
  }
}
