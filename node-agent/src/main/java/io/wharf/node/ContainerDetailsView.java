package io.wharf.node;

import io.wharf.api.container.ContainerDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what {@code docker inspect} needs from a record and the node's paths. */
final class ContainerDetailsView {
  private ContainerDetailsView() {}

  static ContainerDetails of(ContainerRecord r, NodeContext node, long sizeRw) {
    List<String> argv = CommandLine.argv(r.effective());
    String path = argv.isEmpty() ? "" : argv.get(0);
    List<String> args = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
    NodePaths p = node.paths();
    Map<String, String> graph = new LinkedHashMap<>();
    List<String> lowers = new java.util.ArrayList<>();
    for (int i = r.diffIds().size() - 1; i >= 0; i--) {
      lowers.add(p.layer(r.diffIds().get(i)).toString());
    }
    graph.put("LowerDir", String.join(":", lowers));
    graph.put("MergedDir", p.rootfs(r.id()).toString());
    graph.put("UpperDir", p.upperDir(r.id()).toString());
    graph.put("WorkDir", p.workDir(r.id()).toString());
    return new ContainerDetails(r.summary(), r.effective(), path, List.copyOf(args), r.pid(),
        r.oomKilled(), r.error(), p.containerLog(r.id()).toString(),
        node.files().resolvConf(r.id()).toString(), node.files().hostname(r.id()).toString(),
        node.files().hosts(r.id()).toString(), graph, sizeRw, rootFsSize(r, p, sizeRw));
  }

  /** Docker's SizeRootFs: the image layers plus the writable layer; -1 when sizes were not asked for. */
  private static long rootFsSize(ContainerRecord r, NodePaths p, long sizeRw) {
    if (sizeRw < 0) {
      return -1;
    }
    long total = sizeRw;
    for (String diffId : r.diffIds()) {
      total += io.wharf.node.snapshot.DiskUsage.regularFileBytes(p.layer(diffId));
    }
    return total;
  }
}
