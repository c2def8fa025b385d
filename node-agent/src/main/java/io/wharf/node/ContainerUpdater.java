package io.wharf.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.wharf.api.Json;
import io.wharf.api.container.ContainerOps;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.HostSettings;
import io.wharf.node.update.ResourceUpdate;
import java.util.Map;

/**
 * {@code docker update}: validates ({@link ResourceUpdate}), applies new limits to a running
 * container through the runtime, then stores them in the record (requested and effective) so a
 * later start uses them too. Nothing changes when validation or the runtime fails.
 */
public final class ContainerUpdater {
  private final ContainerLifecycle lifecycle;
  private final NodeContext node;

  public ContainerUpdater(ContainerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.node = lifecycle.node;
  }

  public Future<ContainerOps.Updated> update(ContainerOps.Update u) {
    return lifecycle.serialized(u.id(), () -> {
      ContainerRecord r = node.store().require(u.id());
      HostSettings current = r.effective().host() != null ? r.effective().host() : HostSettings.defaults();
      ResourceUpdate.Plan plan = ResourceUpdate.plan(r.id(), current, u, Runtime.getRuntime().availableProcessors());
      boolean running = r.state() == ContainerState.RUNNING || r.state() == ContainerState.PAUSED;
      return lifecycle.blocking(() -> {
        io.wharf.node.runtime.IsolationChecks.checkCpusets(u.cpusetCpus(), u.cpusetMems());
        if (running && !plan.runcFlags().isEmpty()) {
          node.executor().update(r.id(), plan.runcFlags());
        }
        ContainerRecord updated = withHost(r, plan.host());
        // --restart=no ends a pending back-off (a restarting container then shows exited)
        return r.state() == ContainerState.RESTARTING && restartsNever(plan.host())
            ? updated.withState(ContainerState.EXITED) : updated;
      }).compose(updated -> lifecycle.save(updated).map(updated)).map(updated -> {
        lifecycle.event(updated, "update", Map.of());
        return new ContainerOps.Updated(null);
      });
    });
  }

  private static boolean restartsNever(HostSettings host) {
    return host.restartPolicy() == null || host.restartPolicy().name() == null
        || host.restartPolicy().name().isEmpty() || host.restartPolicy().name().equals("no");
  }

  /** The record with {@code host} in both specs; through JSON so that fields added later carry over. */
  static ContainerRecord withHost(ContainerRecord r, HostSettings host) {
    ObjectNode rec = Json.MAPPER.valueToTree(r);
    ObjectNode hostJson = Json.MAPPER.valueToTree(host);
    ((ObjectNode) rec.path("effective")).set("host", hostJson);
    ObjectNode requested = (ObjectNode) rec.path("requested");
    requested.set("host", hostJson.deepCopy());
    return Json.MAPPER.convertValue(rec, ContainerRecord.class);
  }
}
