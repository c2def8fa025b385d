package io.wharf.node.build;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The query of Docker's {@code POST /build} (classic builder), validated. Options Wharf does not
 * act on (cpu shares, cache-from, squash...) are accepted and ignored, as a remote dockerd ignores
 * what its builder cannot do.
 *
 * @param dockerfile path of the Dockerfile inside the context ("Dockerfile" by default)
 * @param tags every {@code t} value, as given ("myimg:1", "myimg")
 * @param buildArgs {@code --build-arg}: a null value means "take it from the environment", which
 *     the client already did, so it counts as unset
 * @param networkMode the RUN containers' network: "default" (bridge), "none", "host" or a network name
 * @param rm remove a RUN step's container once the step succeeded ({@code --rm}, default true)
 * @param forceRm also remove the container of a failed RUN step ({@code --force-rm}; implies rm)
 * @param cpuShares the RUN containers' {@code --cpu-shares} (0: unset)
 * @param cpuQuota the RUN containers' {@code --cpu-quota} in microseconds per period (0: unset)
 * @param cpuPeriod the RUN containers' {@code --cpu-period} in microseconds (0: unset)
 * @param extraHosts {@code --add-host}: the /etc/hosts lines ("ip\tname") of the RUN containers
 * @param registryConfig the X-Registry-Config header (credentials for FROM pulls), or null
 */
public record BuildOptions(String dockerfile, List<String> tags, Map<String, String> buildArgs,
    Map<String, String> labels, boolean noCache, boolean pull, boolean quiet, boolean rm, boolean forceRm,
    String target, String platform, String networkMode, long memory, long shmSize, long cpuShares, long cpuQuota,
    long cpuPeriod, List<String> extraHosts, String registryConfig) {

  private static final Set<String> TRUE = Set.of("1", "true", "True", "TRUE");

  /** From the query parameters ({@code all} gives every value of a name, in order). */
  public static BuildOptions fromQuery(Function<String, List<String>> all) {
    String remote = first(all, "remote");
    if (remote != null && !remote.isEmpty()) {
      throw WharfException.invalid("building from a remote context (" + remote + ") is not supported: send the "
          + "context as the request body (docker build PATH)");
    }
    boolean forceRm = flag(all, "forcerm", false);
    return new BuildOptions(
        orDefault(first(all, "dockerfile"), "Dockerfile"),
        List.copyOf(all.apply("t")),
        jsonMap(first(all, "buildargs"), "buildargs"),
        jsonMap(first(all, "labels"), "labels"),
        flag(all, "nocache", false), flag(all, "pull", false), flag(all, "q", false),
        forceRm || flag(all, "rm", true), forceRm,
        orDefault(first(all, "target"), ""),
        orDefault(first(all, "platform"), ""),
        orDefault(first(all, "networkmode"), "default"),
        size(first(all, "memory"), "memory"), size(first(all, "shmsize"), "shmsize"),
        size(first(all, "cpushares"), "cpushares"), size(first(all, "cpuquota"), "cpuquota"),
        size(first(all, "cpuperiod"), "cpuperiod"), ExtraHostEntries.parse(orEmpty(all.apply("extrahosts"))), null);
  }

  /**
   * Refuses a {@code --platform} this node cannot run (RUN steps run here): only the node's own
   * linux/&lt;arch&gt; (with an optional variant) is accepted.
   */
  public void checkPlatform(String nodeArch) {
    if (platform.isEmpty()) {
      return;
    }
    String[] parts = platform.toLowerCase(java.util.Locale.ROOT).split("/");
    if (parts.length < 2 || !parts[0].equals("linux") || !parts[1].equals(nodeArch)) {
      throw WharfException.invalid("platform \"" + platform + "\" is not supported by this node (linux/" + nodeArch
          + "): the classic builder builds for the node it runs on");
    }
  }

  /** The JVM's architecture in OCI terms (amd64, arm64, ...). */
  public static String nodeArch() {
    String arch = System.getProperty("os.arch", "amd64");
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  /** These options with the request's X-Registry-Config header. */
  public BuildOptions withRegistryConfig(String header) {
    return new BuildOptions(dockerfile, tags, buildArgs, labels, noCache, pull, quiet, rm, forceRm, target, platform,
        networkMode, memory, shmSize, cpuShares, cpuQuota, cpuPeriod, extraHosts, header);
  }

  private static String first(Function<String, List<String>> all, String name) {
    List<String> values = all.apply(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }

  private static String orDefault(String v, String fallback) {
    return v == null || v.isEmpty() ? fallback : v;
  }

  private static boolean flag(Function<String, List<String>> all, String name, boolean fallback) {
    String v = first(all, name);
    return v == null || v.isEmpty() ? fallback : TRUE.contains(v);
  }

  private static long size(String v, String name) {
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw WharfException.invalid("invalid " + name + " value \"" + v + "\": must be a non-negative integer");
    }
  }

  /** {@code {"K":"v"}} with string (or null) values; null values are dropped. */
  static Map<String, String> jsonMap(String json, String name) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    Map<String, String> parsed;
    try {
      parsed = Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    } catch (Exception e) {
      throw WharfException.invalid("invalid " + name + " JSON: " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (parsed != null) {
      parsed.forEach((k, v) -> {
        if (v != null) {
          out.put(k, v);
        }
      });
    }
    return out;
  }
}
