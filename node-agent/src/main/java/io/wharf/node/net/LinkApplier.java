package io.wharf.node.net;

import java.nio.file.Files;
import java.nio.file.Path;

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

  public void attach(LinkPlan p) {
    ensureBridge(p);
    if (!Files.exists(Path.of("/var/run/netns", p.netns()))) {
      net.run("ip", "netns", "add", p.netns());
      net.run("ip", "-n", p.netns(), "link", "set", "lo", "up");
    }
    net.tryRun("ip", "link", "del", p.hostVeth());
    net.run("ip", "link", "add", p.hostVeth(), "type", "veth", "peer", "name", p.ifName(), "netns", p.netns());
    net.run("ip", "link", "set", p.hostVeth(), "master", p.bridge(), "up");
    net.run("ip", "-n", p.netns(), "link", "set", p.ifName(), "address", p.mac());
    net.run("ip", "-n", p.netns(), "addr", "add", p.address(), "dev", p.ifName());
    net.run("ip", "-n", p.netns(), "link", "set", p.ifName(), "up");
    if (p.ifName().equals("eth0")) {
      net.run("ip", "-n", p.netns(), "route", "add", "default", "via", p.gateway());
    }
  }

  /**
   * Deletes the container's netns; absent is fine. The host veth end is deleted first when known,
   * because the kernel destroys a deleted netns (and its veths) asynchronously.
   */
  public void detach(String netns, LinkPlan known) {
    if (known != null) {
      net.tryRun("ip", "link", "del", known.hostVeth());
    }
    if (Files.exists(Path.of("/var/run/netns", netns))) {
      net.tryRun("ip", "netns", "del", netns);
    }
  }

  void ensureBridge(LinkPlan p) {
    if (!net.tryRun("ip", "link", "show", p.bridge())) {
      net.run("ip", "link", "add", p.bridge(), "type", "bridge");
      net.run("ip", "addr", "add", p.bridgeAddress(), "dev", p.bridge());
      net.run("ip", "link", "set", p.bridge(), "up");
    }
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
  }

  /** Removes a user network's bridge and its rules once no container port is left on it; true if it did. */
  public boolean removeBridgeIfUnused(LinkPlan p) {
    if (p.bridge().equals("wharf0")) {
      return false;
    }
    HostCommandPorts ports = new HostCommandPorts();
    if (ports.hasPorts(p.bridge())) {
      return false;
    }
    for (String[] rule : FirewallRules.filter(p.bridge(), p.internal())) {
      net.deleteRule("filter", CHAIN, rule);
    }
    net.deleteRule("nat", "POSTROUTING", FirewallRules.masquerade(p.subnet(), p.bridge()));
    net.tryRun("ip", "link", "del", p.bridge());
    return true;
  }
}
