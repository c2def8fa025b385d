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
      // left by the last run: the kernel destroys a deleted netns's veths asynchronously, so it
      // may be gone by now (a restart right after the stop): deleted apart, where absent is fine
      net.tryRun("ip", "link", "del", p.hostVeth());
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
   * Deletes the container's netns; absent is fine. The kernel destroys a deleted netns (and its
   * veths) asynchronously, so on a user bridge, which goes when its last port goes, the host veth
   * end is deleted first (synchronously, about 25 ms); on wharf0 that cost is not paid.
   */
  public void detach(String netns, LinkPlan known) {
    detach(netns, known == null ? List.of() : List.of(known));
  }

  /** {@link #detach(String, LinkPlan)} for a container with several networks. */
  public void detach(String netns, List<LinkPlan> known) {
    for (LinkPlan p : known) {
      if (!p.bridge().equals("wharf0")) {
        net.tryRun("ip", "link", "del", p.hostVeth());
      }
    }
    if (Files.exists(Path.of("/var/run/netns", netns))) {
      net.tryRun("ip", "netns", "del", netns);
    }
  }

  /**
   * Live-restore: the host end of a veth that outlived the daemon goes back on its bridge, which
   * (with its rules) is made again first if it went; deleting a bridge frees its ports.
   */
  public synchronized void reattach(LinkPlan p) {
    ensureBridge(p);
    net.run("ip", "link", "set", p.hostVeth(), "master", p.bridge(), "up");
  }

  /**
   * Takes one network off a running container: deleting the host end of the veth deletes the
   * container's end too (with its address and, for eth0, the default route through it).
   */
  public void unlink(LinkPlan p) {
    net.tryRun("ip", "link", "del", p.hostVeth());
  }

  /** Bridges this process has set up (with their rules) already: the start path skips them. */
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, LinkPlan> ensuredPlans = new ConcurrentHashMap<>();

  synchronized void ensureBridge(LinkPlan p) { // two starts (or adoptions) on one new network
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
    ensureFilterRules(p);
    if (!p.internal()) {
      net.ensureRule("nat", "POSTROUTING", FirewallRules.masquerade(p.subnet(), p.bridge()));
    }
    ensured.add(p.bridge());
    ensuredPlans.put(p.bridge(), p);
  }

  /**
   * The bridge's rules, in their order: the chain is first-match, so one rule lost (a restart after
   * someone flushed some) cannot just be appended after the bridge's final DROP; then they all go
   * and are appended again.
   */
  private void ensureFilterRules(LinkPlan p) {
    List<String[]> rules = FirewallRules.filter(p.bridge(), p.internal());
    boolean complete = rules.stream().allMatch(rule -> hasRule(CHAIN, rule));
    if (complete) {
      return;
    }
    for (String[] rule : rules) {
      net.deleteRule("filter", CHAIN, rule);
    }
    for (String[] rule : rules) {
      net.ensureRule("filter", CHAIN, rule);
    }
  }

  private boolean hasRule(String chain, String[] rule) {
    List<String> check = new ArrayList<>(List.of("iptables", "-w", "-t", "filter", "-C", chain));
    check.addAll(List.of(rule));
    return net.tryRun(check.toArray(String[]::new));
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
