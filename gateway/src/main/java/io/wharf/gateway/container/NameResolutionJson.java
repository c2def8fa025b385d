package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.NameResolution;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Docker's name-resolution settings of a create body, both ways: HostConfig {@code Dns},
 * {@code DnsSearch}, {@code DnsOptions}, {@code ExtraHosts} and the aliases of
 * {@code NetworkingConfig.EndpointsConfig}; validated as dockerd validates them (400 with its text).
 */
final class NameResolutionJson {
  private NameResolutionJson() {}

  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  /** The special --add-host address that stands for the host as seen from the container. */
  static final String HOST_GATEWAY = "host-gateway";

  static NameResolution parse(JsonObject hostConfig, JsonObject networkingConfig) {
    List<String> dns = strings(hostConfig, "Dns");
    for (String server : dns) {
      if (!isIp(server)) {
        throw WharfException.invalid("IP address is not correctly formatted: " + server);
      }
    }
    List<String> extraHosts = strings(hostConfig, "ExtraHosts");
    extraHosts.forEach(NameResolutionJson::validateExtraHost);
    return new NameResolution(dns, strings(hostConfig, "DnsSearch"), strings(hostConfig, "DnsOptions"),
        extraHosts, aliases(hostConfig, networkingConfig));
  }

  /** {@code name:ip} or {@code name=ip}; ip an address or {@code host-gateway} (moby's ValidateExtraHost). */
  static void validateExtraHost(String entry) {
    int sep = separator(entry);
    if (sep <= 0 || entry.substring(0, sep).isBlank()) {
      throw WharfException.invalid("bad format for add-host: \"" + entry + "\"");
    }
    String ip = entry.substring(sep + 1);
    if (!ip.equals(HOST_GATEWAY) && !isIp(stripBrackets(ip))) {
      throw WharfException.invalid("invalid IP address in add-host: \"" + ip + "\"");
    }
  }

  /** Where name and address split: '=' when present (Docker 25+), else the first ':'. */
  static int separator(String entry) {
    int eq = entry.indexOf('=');
    return eq >= 0 ? eq : entry.indexOf(':');
  }

  static String stripBrackets(String ip) {
    return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
  }

  static boolean isIp(String s) {
    return IPV4.matcher(s).matches() || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
  }

  /**
   * The aliases of the endpoint config of the mode's network, which the node gets at create. The
   * other entries (several {@code --network}, compose) are connected with their own aliases by the
   * gateway's {@code EndpointsConfigHook}: their aliases must not resolve on this network.
   */
  private static List<String> aliases(JsonObject hostConfig, JsonObject networking) {
    String mode = hostConfig.getString("NetworkMode");
    String network = mode == null || mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    Object ep = CreateRequestTranslator.object(networking, "EndpointsConfig").getValue(network);
    return ep instanceof JsonObject o ? strings(o, "Aliases") : List.of();
  }

  private static List<String> strings(JsonObject o, String key) {
    List<String> words = CreateRequestTranslator.words(o, key);
    return words == null ? List.of() : words.stream().filter(w -> !w.isEmpty()).toList();
  }

  /** The HostConfig fields of inspect: empty lists as Docker 20.10 shows them, ExtraHosts null when unset. */
  static void put(JsonObject hostConfig, NameResolution n) {
    NameResolution r = n == null ? NameResolution.NONE : n;
    hostConfig.put("Dns", new JsonArray(new ArrayList<>(r.dns())))
        .put("DnsOptions", new JsonArray(new ArrayList<>(r.dnsOptions())))
        .put("DnsSearch", new JsonArray(new ArrayList<>(r.dnsSearch())))
        .put("ExtraHosts", r.extraHosts().isEmpty() ? null : new JsonArray(new ArrayList<>(r.extraHosts())));
  }
}
