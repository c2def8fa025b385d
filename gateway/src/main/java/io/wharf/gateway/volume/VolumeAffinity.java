package io.wharf.gateway.volume;

import io.vertx.core.Future;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.MountSpec;
import io.wharf.gateway.cluster.ClusterView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node affinity of a container's named volumes: a volume lives on one node, so a container that
 * uses existing volumes must be placed there ({@code node.id} constraint). Volumes that do not
 * exist yet are created wherever the container lands. Volumes on two different nodes: 409.
 */
public final class VolumeAffinity {
  private VolumeAffinity() {}

  /** The placement constraints for {@code spec}: empty, or {@code node.id -> the volumes' node}. */
  public static Future<Map<String, String>> constraints(ContainerSpec spec, ClusterView cluster) {
    if (spec.host() == null) {
      return Future.succeededFuture(Map.of());
    }
    List<String> names = spec.host().mounts().stream()
        .filter(m -> MountSpec.VOLUME.equals(m.type()) && m.source() != null && !m.source().isEmpty())
        .map(MountSpec::source).distinct().toList();
    if (names.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Future<String>> lookups = new ArrayList<>();
    names.forEach(n -> lookups.add(cluster.volumeNode(n)));
    return Future.all(lookups).map(done -> {
      Set<String> nodes = new LinkedHashSet<>();
      lookups.forEach(f -> {
        if (f.result() != null) {
          nodes.add(f.result());
        }
      });
      return pick(names, nodes);
    });
  }

  static Map<String, String> pick(List<String> names, Set<String> nodes) {
    if (nodes.isEmpty()) {
      return Map.of();
    }
    if (nodes.size() > 1) {
      throw WharfException.conflict("volumes " + names + " live on different nodes " + nodes
          + ": a container can only use volumes of one node");
    }
    return Map.of("node.id", nodes.iterator().next());
  }
}
