package io.wharf.node.net;

import io.wharf.api.container.NameResolution;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's /etc/resolv.conf, rendered the way Docker 20.10 (libnetwork) writes it. Pure.
 * <ul>
 * <li>Embedded DNS (user networks): {@code search} (the user's, else the host's), {@code
 * nameserver 127.0.0.11}, {@code options} (the user's, else the host's) plus {@code ndots:0}
 * unless an ndots option is already there.
 * <li>Otherwise, with no --dns/--dns-search/--dns-option: the host's file as it is, minus loopback
 * nameservers (unreachable from the container's namespace); Docker's public resolvers when none
 * is left.
 * <li>Otherwise each of the three parts is the user's when given, else the host's.
 * </ul>
 */
public final class ResolvConf {
  private ResolvConf() {}

  public static final String EMBEDDED_DNS = "127.0.0.11";
  /** What Docker falls back to when the host has no usable nameserver. */
  static final List<String> DEFAULT_SERVERS = List.of("8.8.8.8", "8.8.4.4");

  /** A file's text, or null when it cannot be read (blocking). */
  public static String readOrNull(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The parts of a resolv.conf that matter here. */
  public record Parsed(List<String> nameservers, List<String> search, List<String> options) {}

  public static Parsed parse(String text) {
    List<String> ns = new ArrayList<>();
    List<String> search = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] w = line.trim().split("\\s+");
      if (w.length < 2 || w[0].startsWith("#") || w[0].startsWith(";")) {
        continue;
      }
      List<String> rest = List.of(w).subList(1, w.length);
      switch (w[0]) {
        case "nameserver" -> ns.add(w[1]);
        case "search", "domain" -> {
          search.clear();
          search.addAll(rest);
        }
        case "options" -> options.addAll(rest);
        default -> { }
      }
    }
    return new Parsed(ns, search, options);
  }

  static boolean isLoopback(String server) {
    return server.startsWith("127.") || server.equals("::1");
  }

  /** Resolv.conf of a container served by the embedded DNS at 127.0.0.11. */
  public static String embedded(String hostText, NameResolution user) {
    Parsed host = parse(hostText);
    List<String> options = new ArrayList<>(user.dnsOptions().isEmpty() ? host.options() : user.dnsOptions());
    if (options.stream().noneMatch(o -> o.startsWith("ndots:"))) {
      options.add("ndots:0");
    }
    return build(List.of(EMBEDDED_DNS), user.dnsSearch().isEmpty() ? host.search() : user.dnsSearch(), options);
  }

  /** Resolv.conf of a container using the host's resolvers directly (default bridge, none, host). */
  public static String direct(String hostText, NameResolution user) {
    if (user.dns().isEmpty() && user.dnsSearch().isEmpty() && user.dnsOptions().isEmpty()) {
      List<String> kept = new ArrayList<>();
      boolean anyServer = false;
      for (String line : hostText.split("\n", -1)) {
        String[] w = line.trim().split("\\s+");
        if (w.length >= 2 && w[0].equals("nameserver")) {
          if (isLoopback(w[1])) {
            continue;
          }
          anyServer = true;
        }
        kept.add(line);
      }
      String text = String.join("\n", kept).strip();
      String defaults = anyServer ? "" : build(DEFAULT_SERVERS, List.of(), List.of());
      return (text.isEmpty() ? "" : text + "\n") + defaults;
    }
    Parsed host = parse(hostText);
    List<String> servers = user.dns().isEmpty()
        ? host.nameservers().stream().filter(s -> !isLoopback(s)).toList() : user.dns();
    return build(servers.isEmpty() ? DEFAULT_SERVERS : servers,
        user.dnsSearch().isEmpty() ? host.search() : user.dnsSearch(),
        user.dnsOptions().isEmpty() ? host.options() : user.dnsOptions());
  }

  /** libnetwork's Build: search (unless only "."), nameservers, options. */
  static String build(List<String> servers, List<String> search, List<String> options) {
    StringBuilder out = new StringBuilder();
    if (!search.isEmpty() && !(search.size() == 1 && search.get(0).equals("."))) {
      out.append("search ").append(String.join(" ", search)).append('\n');
    }
    servers.forEach(s -> out.append("nameserver ").append(s).append('\n'));
    if (!options.isEmpty()) {
      out.append("options ").append(String.join(" ", options)).append('\n');
    }
    return out.toString();
  }

  /**
   * Where the embedded DNS forwards names it does not own: the container's --dns servers, else
   * the host's nameservers. Loopback servers stay (the responder runs in the host's namespace),
   * except a systemd-resolved stub, replaced by the real upstreams of {@code systemdText}
   * (/run/systemd/resolve/resolv.conf) when that file has any, as Docker does.
   */
  public static List<String> upstreams(NameResolution user, String hostText, String systemdText) {
    if (!user.dns().isEmpty()) {
      return user.dns();
    }
    List<String> host = parse(hostText).nameservers();
    if (!host.isEmpty() && host.stream().allMatch(ResolvConf::isLoopback) && systemdText != null) {
      List<String> real = parse(systemdText).nameservers().stream().filter(s -> !isLoopback(s)).toList();
      if (!real.isEmpty()) {
        return real;
      }
    }
    return host;
  }
}
