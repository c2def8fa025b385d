package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code HostConfig.PortBindings} and {@code ExposedPorts} keys: parsed, checked as dockerd checks
 * them at create (HTTP 400 with "invalid port specification"), and shown back in inspect as given.
 * Keys are normalised to "port/proto" ("80" means "80/tcp"); Wharf publishes tcp and udp over IPv4.
 */
public final class PortBindingsJson {
  private PortBindingsJson() {}

  private static final Pattern PORT_KEY = Pattern.compile("^([0-9]+)(?:/([a-zA-Z0-9]*))?$");
  private static final Pattern HOST_PORT = Pattern.compile("^([0-9]+)(?:-([0-9]+))?$");
  private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

  /** The bindings of a create body; an absent or null value is no bindings. */
  public static Map<String, List<PortBinding>> parse(Object v) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof JsonObject obj)) {
      throw WharfException.invalid("invalid PortBindings: expected an object");
    }
    Map<String, List<PortBinding>> out = new LinkedHashMap<>();
    for (String key : obj.fieldNames()) {
      String port = portKey(key);
      List<PortBinding> list = new ArrayList<>(out.getOrDefault(port, List.of()));
      Object bindings = obj.getValue(key);
      if (bindings != null && !(bindings instanceof JsonArray)) {
        throw WharfException.invalid("invalid PortBindings for " + key + ": expected a list");
      }
      for (Object b : bindings == null ? new JsonArray() : (JsonArray) bindings) {
        if (!(b instanceof JsonObject o)) {
          throw WharfException.invalid("invalid PortBindings for " + key + ": expected objects");
        }
        list.add(new PortBinding(hostIp(o.getString("HostIp")), hostPort(o.getString("HostPort"))));
      }
      out.put(port, List.copyOf(list));
    }
    return out;
  }

  /** "80", "80/tcp", "53/udp" -&gt; "80/tcp"...; anything else is a 400. */
  public static String portKey(String key) {
    Matcher m = PORT_KEY.matcher(key == null ? "" : key);
    if (!m.matches()) {
      throw invalidSpec(key);
    }
    int port = number(m.group(1), key);
    if (port < 1) {
      throw invalidSpec(key);
    }
    String proto = m.group(2) == null || m.group(2).isEmpty() ? "tcp" : m.group(2).toLowerCase();
    if (!proto.equals("tcp") && !proto.equals("udp")) {
      throw WharfException.invalid("invalid proto: \"" + m.group(2) + "\" in port specification \"" + key
          + "\": tcp and udp are supported");
    }
    return port + "/" + proto;
  }

  /** "" (any free port), "8080", or "8000-8010"; 0 means any free port, as in Docker. */
  static String hostPort(String hostPort) {
    if (hostPort == null || hostPort.isEmpty()) {
      return "";
    }
    Matcher m = HOST_PORT.matcher(hostPort);
    if (!m.matches()) {
      throw invalidSpec(hostPort);
    }
    int low = number(m.group(1), hostPort);
    int high = m.group(2) == null ? low : number(m.group(2), hostPort);
    if (high < low) {
      throw WharfException.invalid("invalid port range: " + hostPort + ": the end is before the start");
    }
    if (low == 0 && high == 0) {
      return "";
    }
    return hostPort;
  }

  /** "" (every address) or an IPv4 literal. */
  static String hostIp(String ip) {
    if (ip == null || ip.isEmpty()) {
      return "";
    }
    Matcher m = IPV4.matcher(ip);
    if (m.matches()) {
      boolean ok = true;
      for (int i = 1; i <= 4; i++) {
        ok &= Integer.parseInt(m.group(i)) <= 255;
      }
      if (ok) {
        return ip;
      }
    }
    if (ip.contains(":")) {
      throw WharfException.invalid("invalid host IP " + ip + ": Wharf publishes ports on IPv4 addresses only");
    }
    throw WharfException.invalid("invalid host IP: \"" + ip + "\" is not an IP address");
  }

  /** dockerd's check: a container sharing another's network namespace cannot expose or publish ports. */
  static void validateMode(io.wharf.api.container.ContainerSpec spec) {
    var h = spec.host();
    if (h == null || h.networkMode() == null || !h.networkMode().startsWith("container:")) {
      return;
    }
    if (!h.portBindings().isEmpty() || h.publishAllPorts()) {
      throw WharfException.invalid("conflicting options: port publishing and the container type network mode");
    }
    if (spec.exposedPorts() != null && !spec.exposedPorts().isEmpty()) {
      throw WharfException.invalid("conflicting options: port exposing and the container type network mode");
    }
  }

  /** Docker's create warning for ports that host networking makes meaningless. */
  public static List<String> warnings(io.wharf.api.container.ContainerSpec spec) {
    var h = spec.host();
    boolean ports = h != null && (!h.portBindings().isEmpty() || h.publishAllPorts());
    return ports && "host".equals(h.networkMode())
        ? List.of("Published ports are discarded when using host network mode") : List.of();
  }

  /** Exposed port keys, normalised; null stays null (the image's apply). */
  public static List<String> exposed(List<String> keys) {
    return keys == null ? null : keys.stream().map(PortBindingsJson::portKey).distinct().toList();
  }

  /** HostConfig.PortBindings as inspect shows it: {@code {"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}. */
  static JsonObject json(Map<String, List<PortBinding>> bindings) {
    JsonObject o = new JsonObject();
    if (bindings != null) {
      bindings.forEach((port, list) -> {
        JsonArray arr = new JsonArray();
        list.forEach(b -> arr.add(new JsonObject().put("HostIp", b.hostIp()).put("HostPort", b.hostPort())));
        o.put(port, arr);
      });
    }
    return o;
  }

  private static int number(String digits, String spec) {
    if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
      throw invalidSpec(spec);
    }
    return Integer.parseInt(digits);
  }

  private static WharfException invalidSpec(String spec) {
    return WharfException.invalid("invalid port specification: \"" + spec + "\"");
  }
}
