package io.wharf.api.container;

import java.util.List;

/**
 * How a container resolves names: Docker's HostConfig {@code Dns}, {@code DnsSearch},
 * {@code DnsOptions} and {@code ExtraHosts}, plus the aliases asked for on its network at create
 * ({@code NetworkingConfig.EndpointsConfig.<network>.Aliases}, {@code --network-alias}).
 * Empty lists mean "not set": the host's resolv.conf (or the embedded DNS) applies.
 *
 * @param dns nameserver addresses ({@code --dns}); on a user network the embedded DNS's upstreams
 * @param extraHosts {@code name:ip} (or {@code name=ip}; ip may be {@code host-gateway}), {@code --add-host}
 * @param aliases extra DNS names of the container on the network of its mode (its other networks
 *     get theirs when the gateway connects them)
 */
public record NameResolution(List<String> dns, List<String> dnsSearch, List<String> dnsOptions,
    List<String> extraHosts, List<String> aliases) {

  public NameResolution {
    dns = dns == null ? List.of() : List.copyOf(dns);
    dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
    dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  public static final NameResolution NONE = new NameResolution(null, null, null, null, null);
}
