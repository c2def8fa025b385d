package io.wharf.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The roles a daemon can play, in deployment order (undeployment runs in reverse). Each role names
 * its verticle by class name so that the launcher compiles and tests without the service modules;
 * they only have to be on the runtime classpath. The gateway comes last: its socket answers only
 * once the services behind it are up.
 */
public enum Role {
  REGISTRY("registry", "io.wharf.registry.ImageRegistryVerticle"),
  SCHEDULER("scheduler", "io.wharf.scheduler.SchedulerVerticle"),
  /**
   * Network records, IPAM and endpoints, saved under this daemon's data root. Before the node: its
   * live-restore re-links running containers and restarts others from the endpoints loaded here.
   */
  NETWORK("network", "io.wharf.network.NetworkVerticle"),
  NODE("node", "io.wharf.node.NodeAgentVerticle"),
  /** Named volumes: their directories live under this daemon's data root. */
  VOLUME("volume", "io.wharf.volume.VolumeVerticle"),
  GATEWAY("gateway", "io.wharf.gateway.GatewayVerticle");

  private final String wireName;
  private final String verticleClass;

  Role(String wireName, String verticleClass) {
    this.wireName = wireName;
    this.verticleClass = verticleClass;
  }

  /** The name used on the command line ({@code --roles node,gateway}). */
  public String wireName() {
    return wireName;
  }

  /** The verticle's class name, or empty when the role has nothing to deploy yet. */
  public Optional<String> verticleClass() {
    return Optional.ofNullable(verticleClass);
  }

  public static Optional<Role> byName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Role::wireName).toList();
  }

  /** The deployment config of this role's verticle; keys are the verticle's documented config. */
  public JsonObject config(DaemonOptions o) {
    return switch (this) {
      case GATEWAY -> new JsonObject()
          .put("socket", o.socket().toString())
          .put("tcp", o.tcp())
          .put("dataRoot", o.dataRoot().toString());
      case REGISTRY -> new JsonObject()
          .put("dataRoot", o.dataRoot().toString())
          .put("httpHost", o.bind())
          .put("httpPort", o.registryPort())
          .put("nodeId", o.nodeName())
          .put("insecureRegistries", new JsonArray(o.insecureRegistries()))
          .put("registryMirrors", new JsonArray(o.registryMirrors()))
          .mergeIn(o.registryConfig());
      case NODE -> new JsonObject()
          .put("dataRoot", o.dataRoot().toString())
          .put("runDir", o.runDir().toString())
          .put("nodeId", o.nodeName())
          .put("nodeName", o.nodeName())
          .put("bindHost", o.bind())
          .put("runtime", o.runtime())
          .put("conmon", o.conmon());
      case VOLUME -> new JsonObject()
          .put("dataRoot", o.dataRoot().toString())
          .put("nodeId", o.nodeName());
      case NETWORK -> new JsonObject()
          .put("dataRoot", o.dataRoot().toString())
          .put("nodeId", o.nodeName());
      case SCHEDULER -> new JsonObject();
    };
  }
}
