package io.wharf.node.net.ports;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.PublishedPorts;
import io.wharf.api.container.PublishedPorts.Published;
import io.wharf.node.net.HostNet;
import io.wharf.node.net.LinkPlan;
import io.wharf.node.runtime.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a container's ports on this host and takes them down: host ports from the
 * {@link PortAllocator}, the {@link PortRules} in Wharf's nat chains, route_localnet on the bridge
 * (for 127.0.0.1), hairpin mode on the container's bridge port (for a container reaching its own
 * published port), and the {@link PortState} file. All or nothing: a failure leaves no rule and no
 * port taken. Blocking: call from a worker.
 */
public final class PortPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(PortPublisher.class);

  private final HostNet net;
  private final PortAllocator allocator;
  private final Function<String, Path> containerDir;
  private volatile boolean chainsReady;
  /** What this process published, in case the container's directory is gone before the rules are. */
  private final java.util.Map<String, PortState> live = new java.util.concurrent.ConcurrentHashMap<>();

  public PortPublisher(HostNet net, PortAllocator allocator, Function<String, Path> containerDir) {
    this.net = net;
    this.allocator = allocator;
    this.containerDir = containerDir;
  }

  /** Publishes what the spec asks for; throws {@link PortAllocator.PortUnavailable} when a port is taken. */
  public PublishedPorts publish(String nodeId, String containerId, ContainerSpec effective, LinkPlan link) {
    List<PortRequest> requests = PortRequest.of(effective);
    List<String> exposed = PortRequest.exposed(effective);
    List<Published> ports = allocator.allocate(containerId, requests, PortState.previous(containerDir.apply(containerId)));
    PublishedPorts published = new PublishedPorts(containerId, nodeId, exposed, ports);
    if (ports.isEmpty()) {
      return published;
    }
    String ip = link.address().substring(0, link.address().indexOf('/'));
    PortState state = new PortState(ip, link.bridge(), link.hostVeth(), published);
    try {
      live.put(containerId, state);
      state.write(containerDir.apply(containerId));
      apply(state);
      return published;
    } catch (RuntimeException e) {
      unpublish(containerId);
      throw e;
    }
  }

  /** After a daemon restart, for a container that kept running: its ports and rules again. */
  public PublishedPorts readopt(String containerId) {
    PortState state = PortState.read(containerDir.apply(containerId));
    if (state == null) {
      return null;
    }
    for (Published lost : allocator.reclaim(containerId, state.ports().ports())) {
      LOG.warn("container {}: host port {}:{} was taken by another process while the daemon was down",
          containerId, lost.hostIp(), lost.hostPort());
    }
    live.put(containerId, state);
    apply(state);
    return state.ports();
  }

  /** Removes the container's rules and gives its ports back; nothing published is fine. */
  public void unpublish(String containerId) {
    Path dir = containerDir.apply(containerId);
    PortState state = live.remove(containerId);
    if (state == null && Files.isDirectory(dir)) {
      state = PortState.read(dir);
    }
    if (state != null) {
      for (PortRules.Rule rule : PortRules.of(containerId, state.containerIp(), state.ports().ports())) {
        net.deleteRule("nat", rule.chain(), rule.specArray());
      }
    }
    if (Files.isDirectory(dir)) {
      if (state != null) {
        PortState.keepAsPrevious(dir, state.ports().ports());
      }
      PortState.delete(dir);
    }
    allocator.release(containerId);
  }

  /** At daemon stop: Wharf's nat chains go when no container publishes anything any more. */
  public void removeChainsIfUnused() {
    if (ruleCount(PortRules.DNAT_CHAIN) > 0 || ruleCount(PortRules.POST_CHAIN) > 0) {
      return;
    }
    for (PortRules.Rule jump : PortRules.jumps()) {
      net.deleteRule("nat", jump.chain(), jump.specArray());
    }
    net.tryRun("iptables", "-w", "-t", "nat", "-X", PortRules.DNAT_CHAIN);
    net.tryRun("iptables", "-w", "-t", "nat", "-X", PortRules.POST_CHAIN);
    net.deleteRule("filter", "INPUT", "-j", PortRules.LOCAL_CHAIN);
    net.tryRun("iptables", "-w", "-F", PortRules.LOCAL_CHAIN);
    net.tryRun("iptables", "-w", "-X", PortRules.LOCAL_CHAIN);
    chainsReady = false;
  }

  private void apply(PortState state) {
    ensureChains();
    net.tryRun("sysctl", "-qw", "net.ipv4.conf." + state.bridge() + ".route_localnet=1");
    hairpin(state.hostVeth());
    try {
      addRules(state);
    } catch (RuntimeException e) {
      // another Wharf daemon on this host may have removed the chains at its stop: make them again
      chainsReady = false;
      ensureChains();
      addRules(state);
    }
  }

  private void addRules(PortState state) {
    for (PortRules.Rule rule : PortRules.of(state.ports().containerId(), state.containerIp(), state.ports().ports())) {
      net.ensureRule("nat", rule.chain(), rule.specArray());
    }
  }

  private synchronized void ensureChains() {
    if (chainsReady) {
      return;
    }
    net.tryRun("iptables", "-w", "-t", "nat", "-N", PortRules.DNAT_CHAIN);
    net.tryRun("iptables", "-w", "-t", "nat", "-N", PortRules.POST_CHAIN);
    for (PortRules.Rule jump : PortRules.jumps()) {
      net.ensureRule("nat", jump.chain(), jump.specArray());
    }
    net.tryRun("iptables", "-w", "-N", PortRules.LOCAL_CHAIN);
    net.ensureRule("filter", PortRules.LOCAL_CHAIN, PortRules.localGuard().toArray(String[]::new));
    if (!net.tryRun("iptables", "-w", "-C", "INPUT", "-j", PortRules.LOCAL_CHAIN)) {
      net.run("iptables", "-w", "-I", "INPUT", "1", "-j", PortRules.LOCAL_CHAIN);
    }
    chainsReady = true;
  }

  /** Rules in a nat chain; -1 when the chain does not exist. */
  private static int ruleCount(String chain) {
    HostCommand.Result r = HostCommand.run(List.of("iptables", "-w", "-t", "nat", "-S", chain), 10_000);
    return r.ok() ? (int) r.stdout().strip().lines().count() - 1 : -1;
  }

  /** The bridge sends a frame back out of the port it came in by only in hairpin mode. */
  private static void hairpin(String hostVeth) {
    Path mode = Path.of("/sys/class/net", hostVeth, "brport", "hairpin_mode");
    try {
      Files.writeString(mode, "1");
    } catch (java.io.IOException e) {
      LOG.warn("cannot set hairpin mode on {}: {}", hostVeth, e.getMessage());
    }
  }
}
