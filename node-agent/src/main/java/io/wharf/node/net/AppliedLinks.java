package io.wharf.node.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The links this node has applied, per container and network: which {@code eth<n>} each network
 * got, so that a live connect takes the lowest free index and a disconnect knows which veth to
 * delete. Thread-safe; holds no host state itself.
 */
final class AppliedLinks {
  private final Map<String, Map<String, LinkPlan>> byContainer = new ConcurrentHashMap<>();

  /** The lowest interface index no network of the container uses (0 for eth0). */
  synchronized int freeIndex(String containerId) {
    return freeIndex(containerId, java.util.Set.of());
  }

  /** @param taken interface names present in the namespace already (links made before a daemon restart) */
  synchronized int freeIndex(String containerId, java.util.Set<String> taken) {
    Map<String, LinkPlan> plans = byContainer.getOrDefault(containerId, Map.of());
    for (int i = 0; ; i++) {
      String name = "eth" + i;
      if (!taken.contains(name) && plans.values().stream().noneMatch(p -> p.ifName().equals(name))) {
        return i;
      }
    }
  }

  synchronized void put(String containerId, String networkId, LinkPlan plan) {
    byContainer.computeIfAbsent(containerId, k -> new LinkedHashMap<>()).put(networkId, plan);
  }

  synchronized LinkPlan get(String containerId, String networkId) {
    return byContainer.getOrDefault(containerId, Map.of()).get(networkId);
  }

  /** Every plan of the container, in the order they were applied. */
  synchronized List<LinkPlan> all(String containerId) {
    return new ArrayList<>(byContainer.getOrDefault(containerId, Map.of()).values());
  }

  /** The plan of the container's eth0 (the network of its mode), or null when it has none here. */
  synchronized LinkPlan primary(String containerId) {
    return byContainer.getOrDefault(containerId, Map.of()).values().stream()
        .filter(p -> p.ifName().equals("eth0")).findFirst().orElse(null);
  }

  /** The plan of one network, forgotten; null when the container was not linked to it. */
  synchronized LinkPlan remove(String containerId, String networkId) {
    Map<String, LinkPlan> plans = byContainer.get(containerId);
    if (plans == null) {
      return null;
    }
    LinkPlan p = plans.remove(networkId);
    if (plans.isEmpty()) {
      byContainer.remove(containerId);
    }
    return p;
  }

  /** Every plan of the container, in the order they were applied, forgotten. */
  synchronized List<LinkPlan> removeAll(String containerId) {
    Map<String, LinkPlan> plans = byContainer.remove(containerId);
    return plans == null ? List.of() : new ArrayList<>(plans.values());
  }
}
