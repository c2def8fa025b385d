package io.wharf.launcher;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The mutable state of {@link WharfCommandLine} while it reads daemon flags; null = not given. */
final class DaemonFlags {
  static final Path DEFAULT_DATA_ROOT = Path.of("/var/lib/wharf");
  static final Path DEFAULT_RUN_DIR = Path.of("/run/wharf");
  static final int DEFAULT_CLUSTER_PORT = 5701;
  static final int DEFAULT_REGISTRY_PORT = 5000;
  static final int DEFAULT_HEARTBEAT_TIMEOUT = 10;

  Path dataRoot;
  Path runDir;
  Path socket;
  String nodeName;
  final List<String> join = new ArrayList<>();
  List<Role> roles;
  String bind;
  Integer clusterPort;
  Integer registryPort;
  String tcp;
  String clusterName;
  Integer heartbeatTimeout;
  String runtime;
  String conmon;
  final List<String> insecureRegistries = new ArrayList<>();
  final List<String> registryMirrors = new ArrayList<>();
  JsonObject registryConfig;

  DaemonOptions build(String defaultNodeName) {
    Path run = orElse(runDir, DEFAULT_RUN_DIR);
    int port = orElse(clusterPort, DEFAULT_CLUSTER_PORT);
    List<String> members = new ArrayList<>();
    for (String member : join) {
      try {
        members.add(HostPort.normalize(member, port));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--join: " + e.getMessage());
      }
    }
    return new DaemonOptions(
        orElse(dataRoot, DEFAULT_DATA_ROOT),
        run,
        orElse(socket, run.resolve("wharf.sock")),
        orElse(nodeName, defaultNodeName),
        members,
        orElse(roles, List.copyOf(EnumSet.allOf(Role.class))),
        orElse(bind, "127.0.0.1"),
        port,
        orElse(registryPort, DEFAULT_REGISTRY_PORT),
        tcp,
        orElse(heartbeatTimeout, DEFAULT_HEARTBEAT_TIMEOUT),
        orElse(clusterName, "wharf"),
        orElse(runtime, "runc"),
        orElse(conmon, "conmon"),
        insecureRegistries,
        registryMirrors,
        registryConfig);
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
