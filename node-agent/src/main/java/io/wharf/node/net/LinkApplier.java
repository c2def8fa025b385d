package io.wharf.node.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies {@link LinkPlan}s on this host and takes them down. Bridges and their firewall rules are
 * made on first use and are idempotent; the filter rules live in the chain {@value #CHAIN}, jumped
 * to first from FORWARD, because a host running Docker has {@code FORWARD} policy DROP.
 * Isolation: a bridge forwards to itself and (unless internal) out of the host, never to another
 * Wharf bridge. Blocking: call from a worker.
 */
public final class LinkApplier {
  static final String CHAIN = "WHARF-FWD";
  private final HostNet net;

  public LinkApplier(HostNet net) {
    this.net = net;
  }

  HostNet net() {
    return net;
  }

  /**
   * Makes the namespace, the veth pair (MAC set on the container end as it is created in the
   * namespace) and the bridge port in one {@code ip -batch}, then configures the inside in a
   * second: two processes per container, the least {@code ip} allows (a batch cannot switch
   * namespaces). Synchronized with bridge removal, so a bridge cannot go between its check here
   * and the new port.
   */
  public synchronized void attach(LinkPlan p) {
    ensureBridge(p);
    List<String> host = new ArrayList<>();
    if (!Files.exists(Path.of("/var/run/netns", p.netns()))) {
      host.add("netns add " + p.netns());
    }
    if (Files.exists(Path.of("/sys/class/net", p.hostVeth()))) {
      host.add("link del " + p.hostVeth());
    }
    host.add("link add " + p.hostVeth() + " type veth peer name " + p.ifName() + " address " + p.mac()
        + " netns " + p.netns());
    host.add("link set " + p.hostVeth() + " master " + p.bridge() + " up");
    net.ipBatch(null, host);
    net.ipBatch(p.netns(), inside(p));
  }

  private static List<String> inside(LinkPlan p) {
    List<String> inside = new ArrayList<>(List.of(
        "link set lo up",
        "addr add " + p.address() + " dev " + p.ifName(),
        "link set " + p.ifName() + " up"));
    if (p.ifName().equals("eth0")) {
      inside.add("route add default via " + p.gateway());
    }
    return inside;
  }

  /**
   * For a container that outlived the agent: bridge and rules ensured (re-made if lost), the host
   * end put back on the bridge, or the whole veth re-made when it went. False when the container's
   * namespace itself is gone (nothing to repair).
   */
  public synchronized boolean reattach(LinkPlan p) {
    if (!Files.exists(Path.of("/var/run/netns", p.netns()))) {
      return false;
    }
    ensureBridge(p);
    if (Files.exists(Path.of("/sys/class/net", p.hostVeth()))) {
      net.ipBatch(null, List.of("link set " + p.hostVeth() + " master " + p.bridge() + " up"));
    } else {
      net.tryRun("ip", "-n", p.netns(), "link", "del", p.ifName());
      net.ipBatch(null, List.of("link add " + p.hostVeth() + " type veth peer name " + p.ifName() + " address "
          + p.mac() + " netns " + p.netns(), "link set " + p.hostVeth() + " master " + p.bridge() + " up"));
      net.ipBatch(p.netns(), inside(p));
    }
    return true;
  }

  /**
   * Deletes the container's netns; absent is fine. The kernel destroys a deleted netns (and its
   * veths) asynchronously, so on a user bridge, which goes when its last port goes, the host veth
   * end is deleted first (synchronously, about 25 ms); on wharf0 that cost is not paid.
   */
  public void detach(String netns, LinkPlan known) {
    if (known != null && !known.bridge().equals("wharf0")) {
      net.tryRun("ip", "link", "del", known.hostVeth());
    }
    if (Files.exists(Path.of("/var/run/netns", netns))) {
      net.tryRun("ip", "netns", "del", netns);
    }
  }

  /** Bridges this process has set up (with their rules) already: the start path skips them. */
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, LinkPlan> ensuredPlans = new ConcurrentHashMap<>();

  void ensureBridge(LinkPlan p) {
    boolean exists = Files.exists(Path.of("/sys/class/net", p.bridge()));
    if (exists && ensured.contains(p.bridge())) {
      return;
    }
    if (!exists) {
      net.run("ip", "link", "add", p.bridge(), "type", "bridge");
      net.run("ip", "addr", "add", p.bridgeAddress(), "dev", p.bridge());
      net.run("ip", "link", "set", p.bridge(), "up");
    }
    pinAddress(p.bridge());
    net.tryRun("sysctl", "-qw", "net.ipv4.ip_forward=1");
    net.tryRun("iptables", "-w", "-N", CHAIN);
    if (!net.tryRun("iptables", "-w", "-C", "FORWARD", "-j", CHAIN)) {
      net.run("iptables", "-w", "-I", "FORWARD", "1", "-j", CHAIN);
    }
    for (String[] rule : FirewallRules.filter(p.bridge(), p.internal())) {
      net.ensureRule("filter", CHAIN, rule);
    }
    if (!p.internal()) {
      net.ensureRule("nat", "POSTROUTING", FirewallRules.masquerade(p.subnet(), p.bridge()));
    }
    ensured.add(p.bridge());
    ensuredPlans.put(p.bridge(), p);
  }

  /**
   * A bridge whose MAC was never set takes the lowest MAC of its ports, so it changes when a port
   * comes or goes (a container starts, stops, or has its veth re-made), and the other containers'
   * ARP entry for the gateway goes stale: traffic to the gateway (the embedded DNS, egress) stops
   * for tens of seconds. Setting the current address marks it as set: it stays (as Docker's does).
   */
  private void pinAddress(String bridge) {
    Path sys = Path.of("/sys/class/net", bridge);
    try {
      if (!Files.readString(sys.resolve("addr_assign_type")).strip().equals("3")) {
        net.run("ip", "link", "set", bridge, "address", Files.readString(sys.resolve("address")).strip());
      }
    } catch (java.io.IOException e) {
      throw io.wharf.api.WharfException.internal("cannot read the address of " + bridge + ": " + e.getMessage(), e);
    }
  }

  /** Removes a user network's bridge and its rules once no container port is left on it; true if it did. */
  public boolean removeBridgeIfUnused(LinkPlan p) {
    if (p.bridge().equals("wharf0")) {
      return false;
    }
    return removeIfUnused(p);
  }

  /** Every bridge set up by this process (wharf0 included) that has no port left, then the chain if empty. */
  public void removeAllUnused() {
    for (LinkPlan p : List.copyOf(ensuredPlans.values())) {
      removeIfUnused(p);
    }
    ChainCleanup.chainEmptyThenDelete(net, CHAIN);
  }

  private synchronized boolean removeIfUnused(LinkPlan p) {
    HostCommandPorts ports = new HostCommandPorts();
    if (ports.hasPorts(p.bridge())) {
      return false;
    }
    for (String[] rule : FirewallRules.filter(p.bridge(), p.internal())) {
      net.deleteRule("filter", CHAIN, rule);
    }
    net.deleteRule("nat", "POSTROUTING", FirewallRules.masquerade(p.subnet(), p.bridge()));
    net.tryRun("ip", "link", "del", p.bridge());
    ensured.remove(p.bridge());
    ensuredPlans.remove(p.bridge());
    return true;
  }
}
