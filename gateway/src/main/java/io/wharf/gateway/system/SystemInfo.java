package io.wharf.gateway.system;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import io.wharf.gateway.container.DockerTime;
import io.wharf.gateway.http.ApiVersion;
import java.util.List;

/** Builds the JSON of {@code GET /version} and {@code GET /info} from host facts and cluster figures. */
public final class SystemInfo {
  private SystemInfo() {}

  /**
   * The Docker Engine release that speaks {@link ApiVersion#MAX}, reported as Version and
   * ServerVersion: clients compare these with Docker's numbers (Testcontainers refuses a server
   * "older than 1.6.0"), so Wharf's own version goes in a "Wharf" component and the Server header.
   */
  public static final String DOCKER_COMPATIBLE_VERSION = "27.5.1";

  public static JsonObject version(HostFacts host, String wharfVersion) {
    JsonObject details = new JsonObject()
        .put("ApiVersion", ApiVersion.MAX.toString())
        .put("Arch", "amd64")
        .put("BuildTime", "")
        .put("Experimental", "false")
        .put("GitCommit", "")
        .put("GoVersion", "java" + System.getProperty("java.version"))
        .put("KernelVersion", host.kernelVersion())
        .put("MinAPIVersion", ApiVersion.MIN.toString())
        .put("Os", "linux");
    return new JsonObject()
        .put("Platform", new JsonObject().put("Name", "Wharf"))
        .put("Components", new JsonArray().add(new JsonObject().put("Name", "Engine")
            .put("Version", DOCKER_COMPATIBLE_VERSION).put("Details", details))
            .add(new JsonObject().put("Name", "Wharf").put("Version", wharfVersion).put("Details", new JsonObject())))
        .put("Version", DOCKER_COMPATIBLE_VERSION)
        .put("ApiVersion", ApiVersion.MAX.toString())
        .put("MinAPIVersion", ApiVersion.MIN.toString())
        .put("GitCommit", "")
        .put("GoVersion", "java" + System.getProperty("java.version"))
        .put("Os", "linux")
        .put("Arch", "amd64")
        .put("KernelVersion", host.kernelVersion())
        .put("BuildTime", "");
  }

  /** The cluster-dependent parts of /info. */
  public record Figures(List<ContainerSummary> containers, List<NodeRecord> nodes, int images) {}

  public static JsonObject info(HostFacts host, Figures f, String wharfVersion, String dataRoot, long nowNanos) {
    long running = count(f.containers(), ContainerState.RUNNING) + count(f.containers(), ContainerState.RESTARTING);
    long paused = count(f.containers(), ContainerState.PAUSED);
    int ncpu = f.nodes().isEmpty() ? host.ncpu() : f.nodes().stream().mapToInt(NodeRecord::ncpu).sum();
    long mem = f.nodes().isEmpty() ? host.memTotal() : f.nodes().stream().mapToLong(NodeRecord::memTotal).sum();
    return new JsonObject()
        .put("ID", engineId(host.hostname()))
        .put("Containers", f.containers().size())
        .put("ContainersRunning", running)
        .put("ContainersPaused", paused)
        .put("ContainersStopped", f.containers().size() - running - paused)
        .put("Images", f.images())
        .put("Driver", "overlay")
        .put("DriverStatus", new JsonArray().add(new JsonArray().add("Backing Filesystem").add("extfs")))
        .put("Plugins", new JsonObject().put("Volume", new JsonArray().add("local"))
            .put("Network", new JsonArray().add("bridge").add("host").add("null").add("overlay"))
            .put("Authorization", null).put("Log", new JsonArray().add("json-file")))
        .put("MemoryLimit", true).put("SwapLimit", true).put("CpuCfsPeriod", true).put("CpuCfsQuota", true)
        .put("CPUShares", true).put("CPUSet", true).put("PidsLimit", true).put("IPv4Forwarding", true)
        .put("Debug", false).put("NFd", 0).put("OomKillDisable", false).put("NGoroutines", Thread.activeCount())
        .put("SystemTime", DockerTime.rfc3339Nano(nowNanos))
        .put("LoggingDriver", "json-file")
        .put("CgroupDriver", "cgroupfs")
        .put("CgroupVersion", host.cgroupVersion())
        .put("NEventsListener", 0)
        .put("KernelVersion", host.kernelVersion())
        .put("OperatingSystem", host.operatingSystem())
        .put("OSVersion", host.osVersion())
        .put("OSType", "linux")
        .put("Architecture", "x86_64")
        .put("IndexServerAddress", "https://index.docker.io/v1/")
        .put("RegistryConfig", registryConfig())
        .put("NCPU", ncpu)
        .put("MemTotal", mem)
        .put("GenericResources", null)
        .put("DockerRootDir", dataRoot)
        .put("HttpProxy", "").put("HttpsProxy", "").put("NoProxy", "")
        .put("Name", host.hostname())
        .put("Labels", new JsonArray())
        .put("ExperimentalBuild", false)
        .put("ServerVersion", DOCKER_COMPATIBLE_VERSION)
        .put("Runtimes", new JsonObject().put("runc", new JsonObject().put("path", "runc")))
        .put("DefaultRuntime", "runc")
        .put("Swarm", new JsonObject().put("NodeID", "").put("NodeAddr", "").put("LocalNodeState", "inactive")
            .put("ControlAvailable", false).put("Error", "").put("RemoteManagers", null))
        .put("LiveRestoreEnabled", true)
        .put("Isolation", "")
        .put("InitBinary", "")
        .put("ContainerdCommit", commit()).put("RuncCommit", commit()).put("InitCommit", commit())
        .put("SecurityOptions", new JsonArray())
        .put("Warnings", null);
  }

  private static long count(List<ContainerSummary> list, ContainerState state) {
    return list.stream().filter(c -> c.state() == state).count();
  }

  private static JsonObject registryConfig() {
    return new JsonObject()
        .put("InsecureRegistryCIDRs", new JsonArray().add("127.0.0.0/8"))
        .put("IndexConfigs", new JsonObject())
        .put("Mirrors", new JsonArray());
  }

  private static JsonObject commit() {
    return new JsonObject().put("ID", "").put("Expected", "");
  }

  /** A stable id in Docker's format (12 groups of 4 hex digits) derived from the host name. */
  static String engineId(String hostname) {
    byte[] digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(("wharf:" + hostname).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String hex = java.util.HexFormat.of().withUpperCase().formatHex(digest);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      out.append(i > 0 ? ":" : "").append(hex, i * 4, i * 4 + 4);
    }
    return out.toString();
  }
}
