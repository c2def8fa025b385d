package io.wharf.gateway;

import io.vertx.core.json.JsonObject;

/**
 * The gateway's settings, read once from the verticle config.
 *
 * @param socket unix socket path of the Docker API (default /run/wharf/wharf.sock)
 * @param tcp optional "host:port" to also serve the API on TCP, or null
 * @param dataRoot reported as DockerRootDir by /info
 * @param version Wharf's version, shown by /version and the Server header
 * @param eventHistory how many events /events can replay
 */
public record GatewayConfig(String socket, String tcp, String dataRoot, String version, int eventHistory) {

  public static final String DEFAULT_SOCKET = "/run/wharf/wharf.sock";

  public static GatewayConfig from(JsonObject json) {
    JsonObject c = json == null ? new JsonObject() : json;
    String tcp = c.getString("tcp");
    GatewayConfig config = new GatewayConfig(
        c.getString("socket", DEFAULT_SOCKET),
        tcp == null || tcp.isBlank() ? null : tcp,
        c.getString("dataRoot", "/var/lib/wharf"),
        c.getString("version", defaultVersion()),
        c.getInteger("eventHistory", 1024));
    if (config.tcp != null) {
      config.tcpPort();
    }
    if (config.eventHistory < 1) {
      throw new IllegalArgumentException("eventHistory must be positive: " + config.eventHistory);
    }
    return config;
  }

  public String tcpHost() {
    return tcp.substring(0, tcp.lastIndexOf(':'));
  }

  public int tcpPort() {
    int colon = tcp.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("tcp must be host:port, got " + tcp);
    }
    try {
      return Integer.parseInt(tcp.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("tcp must be host:port, got " + tcp);
    }
  }

  private static String defaultVersion() {
    String v = GatewayConfig.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0";
  }
}
