package io.wharf.launcher;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Parses {@code wharf} arguments into a {@link Command}. Flags take a value as the next argument or
 * after '=' ({@code --roles=node}); {@code --join} takes several members (separate
 * arguments, commas, or the flag repeated).
 * Pure: the host name default is passed in. Every error is a {@link UsageException} whose message
 * names the offending argument.
 */
public final class WharfCommandLine {
  public static final String USAGE = """
      Usage: wharf COMMAND

      Commands:
        daemon     run a Wharf daemon (joins or starts a cluster)
        version    print the version
        help       print this help

      wharf daemon flags:
        --data-root DIR          durable state (default /var/lib/wharf)
        --run-dir DIR            runtime state (default /run/wharf)
        --socket PATH            Docker API socket (default <run-dir>/wharf.sock)
        --node-name NAME         this node's name and id (default: the host name)
        --join HOST[:PORT]...    members of the cluster to join: several values, commas, or repeats
                                 (port defaults to --cluster-port; none = start a new cluster)
        --roles LIST             gateway,registry,scheduler,node,volume,network or all (default all)
        --bind IP                address to bind cluster and internal endpoints (default 127.0.0.1)
        --cluster-port PORT      Hazelcast port (default 5701)
        --registry-port PORT     image registry HTTP port (default 5000)
        --tcp HOST:PORT          also serve the Docker API over TCP (default off)
        --cluster-name NAME      clusters with other names never mix (default wharf)
        --heartbeat-timeout SEC  drop a silent member after SEC seconds (default 10)
        --runtime PATH           OCI runtime (default runc on PATH)
        --conmon PATH            conmon (default conmon on PATH)
        --insecure-registry HOST[:PORT]  pull from / push to this registry over http (repeatable;
                                 loopback registries always are)
        --registry-mirror URL    http(s) mirror tried before Docker Hub for docker.io images (repeatable)
        --registry-config FILE   JSON object of more registry settings, e.g. {"auth": {"htpasswd":
                                 "/etc/wharf/htpasswd", "token": true}} (image-registry-service README)

      Logging: -Dwharf.log=debug (or WHARF_LOG=debug with bin/wharf).
      """;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private final String defaultNodeName;

  public WharfCommandLine(String defaultNodeName) {
    this.defaultNodeName = defaultNodeName;
  }

  public Command parse(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("no command given (commands: daemon, version, help)");
    }
    String command = args.get(0);
    return switch (command) {
      case "help", "--help", "-h" -> new Command.Help();
      case "version", "--version", "-v" -> new Command.Version();
      case "daemon" -> args.contains("--help") || args.contains("-h")
          ? new Command.Help()
          : new Command.Daemon(parseDaemon(args.subList(1, args.size())));
      default -> throw new UsageException(
          "unknown command '" + command + "' (commands: daemon, version, help)");
    };
  }

  private DaemonOptions parseDaemon(List<String> args) {
    DaemonFlags flags = new DaemonFlags();
    Map<String, BiConsumer<DaemonFlags, String>> table = flagTable();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' for 'wharf daemon' (see wharf --help)");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      BiConsumer<DaemonFlags, String> setter = table.get(name);
      if (setter == null) {
        throw new UsageException("unknown flag " + name + " for 'wharf daemon' (see wharf --help)");
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new UsageException("flag " + name + " needs a value");
      }
      apply(setter, flags, name, value);
      // --join takes several members too: --join a b c (the daemon has no positional arguments)
      while (eq < 0 && name.equals("--join") && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        apply(setter, flags, name, args.get(++i));
      }
    }
    return flags.build(defaultNodeName);
  }

  private static void apply(BiConsumer<DaemonFlags, String> setter, DaemonFlags flags, String name,
      String value) {
    try {
      setter.accept(flags, value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + ": " + e.getMessage());
    }
  }

  private static Map<String, BiConsumer<DaemonFlags, String>> flagTable() {
    return Map.ofEntries(
        Map.entry("--data-root", (f, v) -> f.dataRoot = path(v)),
        Map.entry("--run-dir", (f, v) -> f.runDir = path(v)),
        Map.entry("--socket", (f, v) -> f.socket = path(v)),
        Map.entry("--node-name", (f, v) -> f.nodeName = name(v, "node name")),
        Map.entry("--join", (f, v) -> f.join.addAll(splitList(v))),
        Map.entry("--roles", (f, v) -> f.roles = roles(v)),
        Map.entry("--bind", (f, v) -> f.bind = ip(v)),
        Map.entry("--cluster-port", (f, v) -> f.clusterPort = HostPort.parsePort(v, v)),
        Map.entry("--registry-port", (f, v) -> f.registryPort = HostPort.parsePort(v, v)),
        Map.entry("--tcp", (f, v) -> f.tcp = tcp(v)),
        Map.entry("--cluster-name", (f, v) -> f.clusterName = name(v, "cluster name")),
        Map.entry("--heartbeat-timeout", (f, v) -> f.heartbeatTimeout = seconds(v)),
        Map.entry("--runtime", (f, v) -> f.runtime = nonEmpty(v)),
        Map.entry("--conmon", (f, v) -> f.conmon = nonEmpty(v)),
        Map.entry("--insecure-registry", (f, v) -> f.insecureRegistries.add(registryHost(v))),
        Map.entry("--registry-mirror", (f, v) -> f.registryMirrors.add(mirrorUrl(v))),
        Map.entry("--registry-config", (f, v) -> f.registryConfig = jsonObjectFile(path(v))));
  }

  /** The JSON object in {@code file} (read now, so that a bad file stops the daemon before it starts). */
  static JsonObject jsonObjectFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": "
          + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
    }
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a JSON object: " + e.getMessage());
    }
  }

  /** "host[:port]" as Docker names a registry (no scheme, no path). */
  static String registryHost(String value) {
    String v = nonEmpty(value).trim();
    if (!v.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:]+\\](:[0-9]{1,5})?")) {
      throw new IllegalArgumentException("'" + value + "' is not a registry host[:port]");
    }
    return v;
  }

  /** An http(s) URL without a path (a trailing slash is dropped). */
  static String mirrorUrl(String value) {
    String v = nonEmpty(value).trim();
    v = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    if (!v.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw new IllegalArgumentException("'" + value + "' is not an http(s) URL without a path");
    }
    return v;
  }

  static List<Role> roles(String value) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : splitList(value)) {
      if (name.equals("all")) {
        roles.addAll(EnumSet.allOf(Role.class));
        continue;
      }
      roles.add(Role.byName(name).orElseThrow(() -> new IllegalArgumentException(
          "unknown role '" + name + "' (roles: " + String.join(", ", Role.wireNames()) + ", all)")));
    }
    return List.copyOf(roles); // EnumSet iterates in declaration order = deployment order
  }

  private static List<String> splitList(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("empty list");
    }
    return items;
  }

  private static Path path(String value) {
    return Path.of(nonEmpty(value)).toAbsolutePath().normalize();
  }

  private static String nonEmpty(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("empty value");
    }
    return value;
  }

  private static String name(String value, String what) {
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("bad " + what + " '" + value
          + "' (letters, digits, '_', '.', '-'; at most 63; starts with a letter or digit)");
    }
    return value;
  }

  static String ip(String value) {
    if (value.equals("0.0.0.0") || value.equals("::") || value.equals("[::]")) {
      throw new IllegalArgumentException("needs one of this host's own addresses, not the wildcard '"
          + value + "': other members connect to it");
    }
    var m = IPV4.matcher(value);
    if (m.matches()) {
      for (int g = 1; g <= 4; g++) {
        if (Integer.parseInt(m.group(g)) > 255) {
          throw new IllegalArgumentException("bad IPv4 address '" + value + "'");
        }
      }
      return value;
    }
    if (value.contains(":") && value.matches("[0-9A-Fa-f:.]+")) {
      return value;
    }
    throw new IllegalArgumentException("'" + value + "' is not an IP address");
  }

  private static String tcp(String value) {
    String hostPort = HostPort.normalize(nonEmpty(value), -1);
    if (hostPort.endsWith(":-1")) {
      throw new IllegalArgumentException("'" + value + "' needs a port (HOST:PORT)");
    }
    return hostPort;
  }

  private static int seconds(String value) {
    try {
      int s = Integer.parseInt(value);
      if (s >= 2 && s <= 600) {
        return s;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("bad number of seconds '" + value + "' (2-600)");
  }
}
