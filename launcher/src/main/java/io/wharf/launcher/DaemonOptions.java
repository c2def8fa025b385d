package io.wharf.launcher;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code wharf daemon} was told, validated and with defaults filled in.
 *
 * @param join cluster members to contact, each "host:port"; empty = start a new cluster
 * @param roles roles to deploy, in {@link Role} order, no duplicates
 * @param bind the address Hazelcast, the event bus and the internal HTTP endpoints bind to
 * @param tcp "host:port" of the optional TCP Docker API, or null
 * @param heartbeatTimeoutSeconds Hazelcast max.no.heartbeat: how long a hung member stays in
 * @param runtime OCI runtime binary (absolute path, or a bare name to look up on PATH)
 * @param conmon conmon binary (same)
 * @param insecureRegistries "host[:port]" registries pulled from / pushed to over plain http
 * @param registryMirrors base URLs ("http://127.0.0.1:5001") tried before Docker Hub for docker.io images
 * @param registryConfig more registry settings (auth, limits, gc: the registry README's keys), merged
 *     over the ones the flags give; empty = none
 */
public record DaemonOptions(
    Path dataRoot,
    Path runDir,
    Path socket,
    String nodeName,
    List<String> join,
    List<Role> roles,
    String bind,
    int clusterPort,
    int registryPort,
    String tcp,
    int heartbeatTimeoutSeconds,
    String clusterName,
    String runtime,
    String conmon,
    List<String> insecureRegistries,
    List<String> registryMirrors,
    JsonObject registryConfig) {

  public DaemonOptions {
    join = List.copyOf(join);
    roles = List.copyOf(roles);
    insecureRegistries = List.copyOf(insecureRegistries);
    registryMirrors = List.copyOf(registryMirrors);
    registryConfig = registryConfig == null ? new JsonObject() : registryConfig.copy();
  }

  /** Without extra registry settings. */
  public DaemonOptions(Path dataRoot, Path runDir, Path socket, String nodeName, List<String> join, List<Role> roles,
      String bind, int clusterPort, int registryPort, String tcp, int heartbeatTimeoutSeconds, String clusterName,
      String runtime, String conmon, List<String> insecureRegistries, List<String> registryMirrors) {
    this(dataRoot, runDir, socket, nodeName, join, roles, bind, clusterPort, registryPort, tcp,
        heartbeatTimeoutSeconds, clusterName, runtime, conmon, insecureRegistries, registryMirrors, null);
  }

  /** Without registry client settings (no insecure registries, no mirrors). */
  public DaemonOptions(Path dataRoot, Path runDir, Path socket, String nodeName, List<String> join, List<Role> roles,
      String bind, int clusterPort, int registryPort, String tcp, int heartbeatTimeoutSeconds, String clusterName,
      String runtime, String conmon) {
    this(dataRoot, runDir, socket, nodeName, join, roles, bind, clusterPort, registryPort, tcp,
        heartbeatTimeoutSeconds, clusterName, runtime, conmon, List.of(), List.of());
  }

  /** This member's own cluster address, "bind:clusterPort". */
  public String selfMember() {
    return HostPort.format(bind, clusterPort);
  }
}
