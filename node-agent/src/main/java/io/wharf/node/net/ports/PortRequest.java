package io.wharf.node.net.ports;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One host port a container asks for, before allocation: container port "80/tcp", host address
 * ("0.0.0.0" for every address) and the acceptable host ports {@code low..high} (0..0: any free
 * port of the ephemeral range).
 */
public record PortRequest(String port, String hostIp, int low, int high) {
  public static final String ANY_IP = "0.0.0.0";

  public boolean random() {
    return low == 0;
  }

  public String protocol() {
    return port.substring(port.indexOf('/') + 1);
  }

  public int containerPort() {
    return Integer.parseInt(port.substring(0, port.indexOf('/')));
  }

  /** How Docker names the binding in its errors: "0.0.0.0:8080" (or the range). */
  public String hostText() {
    return hostIp + ":" + (random() ? "0" : low == high ? Integer.toString(low) : low + "-" + high);
  }

  /**
   * The requests of a container: every PortBindings entry (a binding list that is empty asks for
   * nothing), then with {@code PublishAllPorts} every exposed port without a binding to a random port.
   * The gateway validated the syntax; a key without protocol means tcp.
   */
  public static List<PortRequest> of(ContainerSpec effective) {
    HostSettings h = effective.host();
    List<PortRequest> out = new ArrayList<>();
    if (h == null) {
      return out;
    }
    Set<String> bound = new LinkedHashSet<>();
    for (Map.Entry<String, List<PortBinding>> e : h.portBindings().entrySet()) {
      String port = normalise(e.getKey());
      bound.add(port);
      for (PortBinding b : e.getValue()) {
        out.add(request(port, b));
      }
    }
    if (h.publishAllPorts()) {
      for (String exposed : exposed(effective)) {
        if (!bound.contains(exposed)) {
          out.add(new PortRequest(exposed, ANY_IP, 0, 0));
        }
      }
    }
    return out;
  }

  /** Exposed ports (Config.ExposedPorts, with the image's) plus the keys of PortBindings, normalised. */
  public static List<String> exposed(ContainerSpec effective) {
    Set<String> all = new LinkedHashSet<>();
    if (effective.exposedPorts() != null) {
      effective.exposedPorts().forEach(p -> all.add(normalise(p)));
    }
    if (effective.host() != null) {
      effective.host().portBindings().keySet().forEach(p -> all.add(normalise(p)));
    }
    return List.copyOf(all);
  }

  static String normalise(String port) {
    return port.contains("/") ? port.toLowerCase() : port + "/tcp";
  }

  private static PortRequest request(String port, PortBinding b) {
    String ip = b.hostIp().isEmpty() ? ANY_IP : b.hostIp();
    String hp = b.hostPort();
    if (hp.isEmpty()) {
      return new PortRequest(port, ip, 0, 0);
    }
    int dash = hp.indexOf('-');
    int low = Integer.parseInt(dash < 0 ? hp : hp.substring(0, dash));
    int high = dash < 0 ? low : Integer.parseInt(hp.substring(dash + 1));
    return low == 0 ? new PortRequest(port, ip, 0, 0) : new PortRequest(port, ip, low, high);
  }
}
