package io.wharf.gateway.container;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.Isolation;
import java.util.Collection;

/**
 * {@code --pid container:<c>} and {@code --ipc container:<c>} at create: the named container is
 * resolved to its full id (what the node joins and inspect shows) and must be running, as dockerd
 * requires (409, its wording). The node joins the namespaces of the target's init at start; the
 * scheduler places the container on the target's node (see SharedNetnsAffinity). Pure.
 */
final class NamespaceTargets {
  private NamespaceTargets() {}

  /** True when PidMode or IpcMode names another container (only then is the container list needed). */
  static boolean joinsAnother(JsonObject body) {
    JsonObject host = body.getValue("HostConfig") instanceof JsonObject h ? h : null;
    return host != null && (target(host, "PidMode") != null || target(host, "IpcMode") != null);
  }

  /** The body with PidMode and IpcMode targets replaced by full ids; the body itself when none. */
  static JsonObject complete(JsonObject body, Collection<ContainerSummary> all) {
    if (!joinsAnother(body)) {
      return body;
    }
    JsonObject copy = body.copy();
    resolve(copy.getJsonObject("HostConfig"), "PidMode", "PID", all);
    resolve(copy.getJsonObject("HostConfig"), "IpcMode", "IPC", all);
    return copy;
  }

  private static String target(JsonObject host, String key) {
    return host.getValue(key) instanceof String mode ? Isolation.targetOf(mode) : null;
  }

  private static void resolve(JsonObject host, String key, String what, Collection<ContainerSummary> all) {
    String ref = target(host, key);
    if (ref == null || ref.isEmpty()) {
      return;
    }
    ContainerSummary c = ContainerDirectory.resolve(all, ref);
    if (c.state() == null || !c.state().isLive()) {
      throw WharfException.conflict("cannot join " + what + " of a non running container: " + ref);
    }
    host.put(key, Isolation.CONTAINER_PREFIX + c.id());
  }
}
