package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import java.util.List;
import java.util.Map;

/**
 * Wharf container records -> the JSON {@code docker ps} (GET /containers/json) and
 * {@code docker inspect} (GET /containers/{id}/json) read. Network details belong to the
 * network service and are not known here: the network sections carry the mode only.
 */
public final class ContainerJsonTranslator {
  private ContainerJsonTranslator() {}

  /** One entry of GET /containers/json; {@code sizes} is null unless {@code size=1} was asked. */
  public static JsonObject listEntry(ContainerSummary c, long nowNanos, ContainerDetails sizes) {
    JsonObject o = new JsonObject()
        .put("Id", c.id())
        .put("Names", new JsonArray(c.names()))
        .put("Image", c.image())
        .put("ImageID", c.imageId())
        .put("Command", c.command() == null ? "" : c.command())
        .put("Created", c.createdNanos() / 1_000_000_000L)
        .put("Ports", new JsonArray())
        .put("Labels", stringMap(c.labels()))
        .put("State", c.state().wire())
        .put("Status", StatusText.of(c, nowNanos))
        .put("HostConfig", new JsonObject().put("NetworkMode", networkMode(c.networkMode())))
        .put("NetworkSettings", new JsonObject().put("Networks", new JsonObject()))
        .put("Mounts", MountsJson.mounts(c.mounts()));
    if (sizes != null) {
      o.put("SizeRw", Math.max(0, sizes.sizeRw())).put("SizeRootFs", Math.max(0, sizes.sizeRootFs()));
    }
    return o;
  }

  /** GET /containers/{id}/json. */
  public static JsonObject inspect(ContainerDetails d, boolean withSize) {
    ContainerSummary c = d.summary();
    ContainerSpec spec = d.effective();
    JsonObject o = new JsonObject()
        .put("Id", c.id())
        .put("Created", DockerTime.rfc3339Nano(c.createdNanos()))
        .put("Path", d.path() == null ? "" : d.path())
        .put("Args", new JsonArray(d.args() == null ? List.of() : d.args()))
        .put("State", state(d))
        .put("Image", c.imageId())
        .put("ResolvConfPath", nz(d.resolvConfPath()))
        .put("HostnamePath", nz(d.hostnamePath()))
        .put("HostsPath", nz(d.hostsPath()))
        .put("LogPath", nz(d.logPath()))
        .put("Name", "/" + c.name())
        .put("RestartCount", c.restartCount())
        .put("Driver", "overlay")
        .put("Platform", "linux")
        // Which Wharf node runs it: the shape of classic Swarm's Node (ID, Name); dockerd omits it.
        .put("Node", new JsonObject().put("ID", c.nodeId()).put("Name", c.nodeId()))
        .put("MountLabel", "")
        .put("ProcessLabel", "")
        .put("AppArmorProfile", "")
        .put("ExecIDs", d.execIds() == null ? null : new io.vertx.core.json.JsonArray(d.execIds()))
        .put("HostConfig", HostConfigJson.of(spec == null ? null : spec.host(), c.networkMode()))
        .put("GraphDriver", new JsonObject().put("Data", stringMap(d.graphDriver())).put("Name", "overlay"))
        .put("Mounts", MountsJson.mounts(spec == null || spec.host() == null ? null : spec.host().mounts()))
        .put("Config", ConfigJson.of(spec, c))
        .put("NetworkSettings", networkSettings(c));
    if (withSize) {
      o.put("SizeRw", Math.max(0, d.sizeRw())).put("SizeRootFs", Math.max(0, d.sizeRootFs()));
    }
    return o;
  }

  static JsonObject state(ContainerDetails d) {
    ContainerSummary c = d.summary();
    ContainerState s = c.state();
    JsonObject state = new JsonObject()
        .put("Status", s.wire())
        .put("Running", s == ContainerState.RUNNING || s == ContainerState.PAUSED || s == ContainerState.RESTARTING)
        .put("Paused", s == ContainerState.PAUSED)
        .put("Restarting", s == ContainerState.RESTARTING)
        .put("OOMKilled", d.oomKilled())
        .put("Dead", s == ContainerState.DEAD)
        .put("Pid", s.isLive() ? d.pid() : 0)
        .put("ExitCode", c.exitCode())
        .put("Error", nz(d.error()))
        .put("StartedAt", DockerTime.rfc3339Nano(c.startedNanos()))
        .put("FinishedAt", DockerTime.rfc3339Nano(c.finishedNanos()));
    if (c.health() != null) {
      state.put("Health", HealthJson.of(c.health()));
    }
    return state;
  }

  private static JsonObject networkSettings(ContainerSummary c) {
    return new JsonObject()
        .put("Bridge", "")
        .put("SandboxID", "")
        .put("Ports", new JsonObject())
        .put("SandboxKey", "")
        .put("Gateway", "")
        .put("IPAddress", "")
        .put("IPPrefixLen", 0)
        .put("MacAddress", "")
        .put("Networks", new JsonObject());
  }

  static String networkMode(String mode) {
    return mode == null || mode.isEmpty() ? "default" : mode;
  }

  private static JsonObject stringMap(Map<String, String> m) {
    JsonObject o = new JsonObject();
    if (m != null) {
      m.forEach(o::put);
    }
    return o;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
