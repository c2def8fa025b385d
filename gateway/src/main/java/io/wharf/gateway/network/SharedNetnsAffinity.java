package io.wharf.gateway.network;

import io.vertx.core.Future;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code --network container:<id>} (and --pid/--ipc container:) joins a namespace that exists on one node only: the container
 * is placed on its target's node ({@code node.id} constraint). The gateway has already resolved
 * the target to its full id; volumes that pin another node make it a 409.
 */
public final class SharedNetnsAffinity {
  private SharedNetnsAffinity() {}

  public static Future<Map<String, String>> constraints(ContainerSpec spec, Map<String, String> others,
      Supplier<Future<List<ContainerSummary>>> containers) {
    String target = target(spec);
    if (target == null) {
      return Future.succeededFuture(others);
    }
    return containers.get().map(all -> merge(others, target,
        all.stream().filter(c -> c.id().equals(target)).map(ContainerSummary::nodeId).findFirst().orElse(null)));
  }

  /** The container whose namespaces this one joins: --network, else --pid, else --ipc container:&lt;id&gt;. */
  static String target(ContainerSpec spec) {
    if (spec.host() == null) {
      return null;
    }
    String mode = spec.host().networkMode();
    if (mode != null && mode.startsWith("container:")) {
      return mode.substring("container:".length());
    }
    String pid = io.wharf.api.container.Isolation.targetOf(spec.host().isolation().pidMode());
    return pid != null ? pid : io.wharf.api.container.Isolation.targetOf(spec.host().isolation().ipcMode());
  }

  static Map<String, String> merge(Map<String, String> others, String target, String targetNode) {
    if (targetNode == null) {
      return others;
    }
    String pinned = others.get("node.id");
    if (pinned != null && !pinned.equals(targetNode)) {
      throw WharfException.conflict("container " + target + " runs on node " + targetNode
          + " but the container's volumes live on node " + pinned);
    }
    Map<String, String> out = new HashMap<>(others);
    out.put("node.id", targetNode);
    return out;
  }
}
