package io.wharf.gateway.network;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the networking parts of a create body: {@code HostConfig.NetworkMode} and
 * {@code NetworkingConfig.EndpointsConfig}, and refuses what dockerd refuses at create, with its
 * wording. Pure.
 */
final class EndpointsConfig {
  private EndpointsConfig() {}

  static String mode(JsonObject body) {
    JsonObject host = body.getJsonObject("HostConfig");
    String mode = host == null ? null : host.getString("NetworkMode");
    return mode == null || mode.isEmpty() ? "default" : mode;
  }

  static boolean isShared(String mode) {
    return mode.startsWith("container:");
  }

  /** The container a {@code container:<ref>} mode names, or null. */
  static String sharedTarget(JsonObject body) {
    String mode = mode(body);
    return isShared(mode) ? mode.substring("container:".length()) : null;
  }

  /** The entries by network, in the body's order; null configs read as empty. */
  static Map<String, JsonObject> entries(JsonObject body) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    JsonObject nc = body.getJsonObject("NetworkingConfig");
    JsonObject eps = nc == null ? null : nc.getJsonObject("EndpointsConfig");
    if (eps != null) {
      eps.forEach(e -> out.put(e.getKey(), e.getValue() instanceof JsonObject o ? o : new JsonObject()));
    }
    return out;
  }

  static String ipv4(JsonObject cfg) {
    JsonObject ipam = cfg.getJsonObject("IPAMConfig");
    String ip = ipam == null ? null : ipam.getString("IPv4Address");
    return ip == null || ip.isEmpty() ? null : ip;
  }

  /** Whether an EndpointsConfig key is the network the mode already names. */
  static boolean isPrimary(String mode, String network) {
    return network.equals(mode) || (mode.equals("default") && network.equals("bridge"));
  }

  private static boolean isDefaultBridge(String mode) {
    return mode.equals("default") || mode.equals("bridge");
  }

  static void validate(JsonObject body) {
    String mode = mode(body);
    if (isShared(mode)) {
      String target = mode.substring("container:".length());
      if (target.isEmpty()) {
        throw WharfException.invalid("invalid container format container:<name|id>");
      }
      String hostname = body.getString("Hostname");
      if (hostname != null && !hostname.isEmpty()) {
        throw EndpointsConfigHook.conflict("hostname and the network mode");
      }
      JsonObject host = body.getJsonObject("HostConfig");
      JsonObject ports = host.getJsonObject("PortBindings");
      if ((ports != null && !ports.isEmpty()) || Boolean.TRUE.equals(host.getBoolean("PublishAllPorts"))) {
        throw EndpointsConfigHook.conflict("port publishing and the container type network mode");
      }
      return;
    }
    for (Map.Entry<String, JsonObject> e : entries(body).entrySet()) {
      if (!isDefaultBridge(mode) || !isPrimary(mode, e.getKey())) {
        continue;
      }
      if (!EndpointsConfigHook.aliases(e.getValue()).isEmpty()) {
        throw WharfException.invalid("network-scoped alias is supported only for containers in user defined networks");
      }
      if (ipv4(e.getValue()) != null) {
        throw WharfException.invalid("user specified IP address is supported on user defined networks only");
      }
    }
  }
}
