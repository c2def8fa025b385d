package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.gateway.http.FilterArgs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code docker ps --filter publish=...} and {@code --filter expose=...} with dockerd's semantics:
 * a value is {@code port[/proto]} or {@code start-end[/proto]} (proto defaults to tcp, a range
 * stands for each of its ports, ':' is refused); a container matches when one entry of its ps
 * {@code Ports} array has its {@code PublicPort} among the publish ports or its {@code PrivatePort}
 * among the expose ports (same protocol). Works on the JSON entries, after their Ports are filled.
 */
public final class PortFilter {
  private static final int MAX_PORT = 65535;

  private final Set<String> published;
  private final Set<String> exposed;
  private final boolean active;

  private PortFilter(Set<String> published, Set<String> exposed, boolean active) {
    this.published = published;
    this.exposed = exposed;
    this.active = active;
  }

  /** Parses and checks the publish and expose values; bad ones are INVALID_ARGUMENT. */
  public static PortFilter of(FilterArgs filters) {
    return new PortFilter(ports("publish", filters.get("publish")), ports("expose", filters.get("expose")),
        filters.has("publish") || filters.has("expose"));
  }

  public boolean active() {
    return active;
  }

  /** The entries that match (all of them without these filters), the first {@code limit} when positive. */
  public JsonArray apply(JsonArray entries, int limit) {
    if (!active) {
      return entries;
    }
    JsonArray out = new JsonArray();
    for (Object e : entries) {
      if ((limit <= 0 || out.size() < limit) && matches(((JsonObject) e).getJsonArray("Ports"))) {
        out.add(e);
      }
    }
    return out;
  }

  boolean matches(JsonArray ports) {
    if (ports == null) {
      return false;
    }
    for (Object p : ports) {
      JsonObject port = (JsonObject) p;
      String type = port.getString("Type", "tcp");
      if (published.contains(port.getInteger("PublicPort", 0) + "/" + type)
          || exposed.contains(port.getInteger("PrivatePort", 0) + "/" + type)) {
        return true;
      }
    }
    return false;
  }

  static Set<String> ports(String key, List<String> values) {
    Set<String> out = new HashSet<>();
    for (String value : values) {
      if (value.contains(":")) {
        throw WharfException.invalid("filter for '" + key + "' should not contain ':': " + value);
      }
      int slash = value.indexOf('/');
      String port = slash < 0 ? value : value.substring(0, slash);
      String proto = slash < 0 || slash == value.length() - 1 ? "tcp" : value.substring(slash + 1);
      int dash = port.indexOf('-');
      int start = number(key, port, dash < 0 ? port : port.substring(0, dash));
      int end = dash < 0 ? start : number(key, port, port.substring(dash + 1));
      if (end < start) {
        throw WharfException.invalid("error while looking up for " + key + " " + port
            + ": invalid range specified for port: " + port);
      }
      for (int i = start; i <= end; i++) {
        out.add(i + "/" + proto);
      }
    }
    return out;
  }

  private static int number(String key, String port, String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0 && n <= MAX_PORT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw WharfException.invalid("error while looking up for " + key + " " + port + ": invalid port: " + text);
  }
}
