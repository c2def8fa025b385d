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

  private static final java.util.regex.Pattern MAC = java.util.regex.Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");

  /** An endpoint's MacAddress in lower case, null when unset; a malformed one is refused. */
  static String mac(JsonObject cfg) {
    String mac = cfg.getString("MacAddress");
    if (mac == null || mac.isEmpty()) {
      return null;
    }
    if (!MAC.matcher(mac).matches()) {
      throw WharfException.invalid("invalid MAC address: " + mac);
    }
    return mac.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The container-wide Config.MacAddress (API &lt; 1.44, and docker-compose v1 at any version)
   * moves to the endpoint of the mode's network, as dockerd migrates it; an endpoint's own
   * MacAddress wins.
   */
  static JsonObject moveContainerMac(JsonObject body) {
    String mac = body.getString("MacAddress");
    String mode = mode(body);
    if (mac == null || mac.isEmpty() || mode.equals("host") || mode.equals("none")) {
      return body;
    }
    JsonObject copy = body.copy();
    copy.remove("MacAddress");
    String network = mode.equals("default") ? "bridge" : mode;
    JsonObject nc = copy.getJsonObject("NetworkingConfig");
    if (nc == null) {
      nc = new JsonObject();
      copy.put("NetworkingConfig", nc);
    }
    JsonObject eps = nc.getJsonObject("EndpointsConfig");
    if (eps == null) {
      eps = new JsonObject();
      nc.put("EndpointsConfig", eps);
    }
    JsonObject ep = eps.getValue(network) instanceof JsonObject o ? o : new JsonObject();
    eps.put(network, ep);
    if (mac(ep) == null) {
      ep.put("MacAddress", mac);
      mac(ep);
    }
    return copy;
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
      String mac = body.getString("MacAddress");
      if (mac != null && !mac.isEmpty()) {
        throw EndpointsConfigHook.conflict("mac-address and the network mode");
      }
      JsonObject host = body.getJsonObject("HostConfig");
      JsonObject ports = host.getJsonObject("PortBindings");
      if ((ports != null && !ports.isEmpty()) || Boolean.TRUE.equals(host.getBoolean("PublishAllPorts"))) {
        throw EndpointsConfigHook.conflict("port publishing and the container type network mode");
      }
      return;
    }
    entries(body).values().forEach(EndpointsConfig::mac);
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
