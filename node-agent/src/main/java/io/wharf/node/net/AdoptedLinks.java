package io.wharf.node.net;

import io.wharf.api.network.NetworkRequests.Attached;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live-restore of one container's links: it kept running while the daemon was down, so its
 * namespace and veths survived but this process has no memory of them. Each recorded endpoint is
 * matched to its interface by MAC and its host end put back on the bridge, which is made again with
 * its rules when it went (a host that lost its bridges, or someone deleted one); an endpoint
 * without an interface is linked again. A failure on one network is logged and the others go on:
 * the container keeps running either way. Blocking.
 */
final class AdoptedLinks {
  private static final Logger LOG = LoggerFactory.getLogger(AdoptedLinks.class);

  private final LinkApplier applier;
  private final AppliedLinks applied;

  AdoptedLinks(LinkApplier applier, AppliedLinks applied) {
    this.applier = applier;
    this.applied = applied;
  }

  /**
   * @param ordered the container's endpoints, its mode's network first
   * @return the endpoints that are linked now; empty when the container has no namespace
   */
  List<Attached> relink(String containerId, List<Attached> ordered) {
    Map<String, String> present = NetnsInterfaces.of(containerId);
    if (present.isEmpty()) {
      return List.of();
    }
    List<Attached> linked = new ArrayList<>();
    for (Attached a : ordered) {
      try {
        relinkOne(containerId, a, present);
        linked.add(a);
      } catch (RuntimeException e) {
        LOG.warn("container {} keeps running without network {}: {}", containerId, a.network().name(),
            e.getMessage());
      }
    }
    return linked;
  }

  /** The plans of the links a namespace still has for these endpoints (by MAC); empty without a namespace. */
  static List<LinkPlan> linksIn(String containerId, List<Attached> recorded) {
    if (recorded.isEmpty() || !Files.exists(Path.of("/var/run/netns", containerId))) {
      return List.of();
    }
    Map<String, String> present = NetnsInterfaces.of(containerId);
    List<LinkPlan> plans = new ArrayList<>();
    for (Attached a : recorded) {
      int index = NetnsInterfaces.indexWithMac(present, a.endpoint().mac());
      if (index >= 0) {
        plans.add(LinkPlan.of(containerId, a.network(), a.endpoint(), index));
      }
    }
    return plans;
  }

  private void relinkOne(String containerId, Attached a, Map<String, String> present) {
    int index = NetnsInterfaces.indexWithMac(present, a.endpoint().mac());
    if (index >= 0) {
      LinkPlan plan = LinkPlan.of(containerId, a.network(), a.endpoint(), index);
      applier.reattach(plan);
      applied.put(containerId, a.network().id(), plan);
      return;
    }
    LinkPlan plan = LinkPlan.of(containerId, a.network(), a.endpoint(), applied.freeIndex(containerId, present.keySet()));
    applied.put(containerId, a.network().id(), plan);
    try {
      applier.attach(plan);
    } catch (RuntimeException e) {
      applied.remove(containerId, a.network().id());
      applier.unlink(plan);
      throw e;
    }
    LOG.info("container {} had lost its link to network {}: linked again as {}", containerId,
        a.network().name(), plan.ifName());
  }
}
