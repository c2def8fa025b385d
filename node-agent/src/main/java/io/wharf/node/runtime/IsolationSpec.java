package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.WharfException;
import io.wharf.api.container.Isolation;
import java.util.Iterator;

/**
 * --pid, --ipc, --uts, --cgroupns, --oom-score-adj and the cpuset, blkio-weight, memory
 * reservation, swappiness and OOM-killer options layered over the base spec: "host" drops the
 * namespace, "container:&lt;id&gt;" joins {@code /proc/<pid>/ns/<type>} of the target's init, ipc
 * "host" binds the host's /dev/shm, ipc "none" has no /dev/shm. Known gap: ipc "container:" shares
 * SysV IPC and POSIX message queues but keeps its own /dev/shm (the target's tmpfs lives in the
 * target's mount namespace, which a bind mount cannot cross; Docker keeps shareable /dev/shm on the host).
 * Pure, like the builder.
 */
final class IsolationSpec {
  private IsolationSpec() {}

  static void apply(OciSpecInput in, Isolation iso, ObjectNode spec) {
    ObjectNode linux = (ObjectNode) spec.get("linux");
    ArrayNode namespaces = (ArrayNode) linux.get("namespaces");
    namespace(namespaces, "pid", iso.pidMode(), in);
    namespace(namespaces, "ipc", iso.ipcMode(), in);
    namespace(namespaces, "uts", iso.utsMode(), in);
    if ("private".equals(iso.cgroupnsMode())) {
      namespaces.addObject().put("type", "cgroup");
    }
    if ("host".equals(iso.utsMode())) {
      spec.remove("hostname");
      spec.remove("domainname");
    }
    shm((ArrayNode) spec.get("mounts"), iso.ipcMode(), in);
    if (iso.oomScoreAdj() != 0) {
      ((ObjectNode) spec.get("process")).put("oomScoreAdj", iso.oomScoreAdj());
    }
    resources((ObjectNode) linux.get("resources"), iso);
  }

  private static void namespace(ArrayNode namespaces, String type, String mode, OciSpecInput in) {
    if (mode.isEmpty() || !(mode.equals("host") || Isolation.targetOf(mode) != null)) {
      return;
    }
    ObjectNode entry = find(namespaces, type);
    if (mode.equals("host")) {
      remove(namespaces, type);
      return;
    }
    Integer pid = in.joinedPids().get(type);
    if (pid == null || pid <= 0) {
      throw WharfException.conflict("cannot join " + type.toUpperCase() + " of a non running container: "
          + Isolation.targetOf(mode));
    }
    entry.put("path", "/proc/" + pid + "/ns/" + type);
  }

  /** Docker's /dev/shm per IPC mode: host's, the target's, none, or the default private tmpfs. */
  private static void shm(ArrayNode mounts, String ipcMode, OciSpecInput in) {
    String source = null;
    if (ipcMode.equals("host")) {
      source = "/dev/shm";
    } else if (!ipcMode.equals("none")) {
      return;
    }
    for (Iterator<JsonNode> it = mounts.iterator(); it.hasNext(); ) {
      if ("/dev/shm".equals(it.next().path("destination").asText())) {
        it.remove();
      }
    }
    if (source != null) {
      ObjectNode m = mounts.addObject().put("destination", "/dev/shm").put("type", "bind").put("source", source);
      m.putArray("options").add("rbind").add("rprivate");
    }
  }

  private static void resources(ObjectNode resources, Isolation iso) {
    if (iso.cpusetCpus() != null) {
      child(resources, "cpu").put("cpus", iso.cpusetCpus());
    }
    if (iso.cpusetMems() != null) {
      child(resources, "cpu").put("mems", iso.cpusetMems());
    }
    if (iso.memoryReservation() > 0) {
      child(resources, "memory").put("reservation", iso.memoryReservation());
    }
    if (iso.memorySwappiness() != null && iso.memorySwappiness() >= 0) {
      child(resources, "memory").put("swappiness", iso.memorySwappiness());
    }
    if (Boolean.TRUE.equals(iso.oomKillDisable())) {
      child(resources, "memory").put("disableOOMKiller", true);
    }
    if (iso.blkioWeight() > 0) {
      child(resources, "blockIO").put("weight", iso.blkioWeight());
    }
  }

  private static ObjectNode child(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static ObjectNode find(ArrayNode namespaces, String type) {
    for (JsonNode n : namespaces) {
      if (type.equals(n.path("type").asText())) {
        return (ObjectNode) n;
      }
    }
    return namespaces.addObject().put("type", type);
  }

  private static void remove(ArrayNode namespaces, String type) {
    for (Iterator<JsonNode> it = namespaces.iterator(); it.hasNext(); ) {
      if (type.equals(it.next().path("type").asText())) {
        it.remove();
      }
    }
  }
}
