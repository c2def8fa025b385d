package io.wharf.gateway.container;

import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import java.util.Locale;
import java.util.Map;

/**
 * docker run flags outside HostConfig's plain fields that Wharf cannot apply: legacy links,
 * link-local and IPv6 addresses, OCI annotations, Windows-only CPU count/percent, IO QoS
 * limits, and a --platform the node cannot run. A create that sets one is refused (400) instead of
 * running without it; dockerd's wording where dockerd refuses the same thing. Pure.
 */
final class RefusedRunFlags {
  private RefusedRunFlags() {}

  static void check(JsonObject body) {
    JsonObject host = CreateRequestTranslator.object(body, "HostConfig");
    boolean linksResolveByName = "True".equals(CreateRequestTranslator.object(body, "Labels").getValue(COMPOSE_ONEOFF))
        || onUserNetwork(host);
    if (!linksResolveByName && UnappliedHostConfig.isSet(host.getValue("Links"))) {
      throw unsupported("--link", "HostConfig.Links",
          "put the containers on a user-defined network, where they resolve each other by name");
    }
    if (UnappliedHostConfig.isSet(host.getValue("Annotations"))) {
      throw unsupported("--annotation", "HostConfig.Annotations", "remove it");
    }
    for (String field : new String[] {"CpuCount", "CpuPercent"}) {
      if (UnappliedHostConfig.isSet(host.getValue(field))) {
        throw WharfException.invalid("HostConfig." + field + " (--" + (field.equals("CpuCount") ? "cpu-count"
            : "cpu-percent") + ") is only supported on a Docker daemon running on windows, but the daemon"
            + " is running on linux");
      }
    }
    if (UnappliedHostConfig.isSet(host.getValue("IOMaximumBandwidth"))
        || UnappliedHostConfig.isSet(host.getValue("IOMaximumIOps"))) {
      throw WharfException.invalid("Invalid QoS settings: linux does not support Maximum IO Bandwidth or"
          + " Maximum IO IOps");
    }
    if (host.getValue("Mounts") instanceof io.vertx.core.json.JsonArray mounts) {
      mounts.forEach(m -> checkMount(m instanceof JsonObject o ? o : new JsonObject()));
    }
    Object endpoints = CreateRequestTranslator.object(body, "NetworkingConfig").getValue("EndpointsConfig");
    if (endpoints instanceof JsonObject eps) {
      eps.forEach(e -> checkEndpoint(e.getKey(), e.getValue() instanceof JsonObject o ? o : new JsonObject(),
          linksResolveByName));
    }
  }

  /**
   * {@code docker compose run} links its one-off container to the service's running containers as
   * {@code <container>:<service>}, {@code <container>:<service>-<n>} and {@code <container>:<container>}
   * on the project network. Its service and container names already resolve there (network aliases,
   * container names), so those links are let through rather than breaking compose run; only the
   * {@code <service>-<n>} alias does not resolve.
   */
  static final String COMPOSE_ONEOFF = "com.docker.compose.oneoff";

  /**
   * Links on a user-defined network (compose files with {@code links:} send them there) are let through
   * for the same reason: the linked container resolves by its name and aliases through the embedded
   * DNS. A link alias that differs from every name of its target does not resolve (Docker makes it
   * resolve for the linking container only). On the default bridge links stay refused: there Docker
   * writes /etc/hosts entries and environment variables that Wharf does not.
   */
  static boolean onUserNetwork(JsonObject host) {
    Object mode = host.getValue("NetworkMode");
    if (!(mode instanceof String m) || m.isEmpty()) {
      return false;
    }
    return !m.equals("default") && !m.equals("bridge") && !m.equals("host") && !m.equals("none")
        && !m.startsWith("container:");
  }

  /** Per network (--mac-address is applied by the network hook): --link-local-ip, --ip6 and --link (user-defined networks) land here. */
  static void checkEndpoint(String network, JsonObject endpoint, boolean linksResolveByName) {
    if (!linksResolveByName && UnappliedHostConfig.isSet(endpoint.getValue("Links"))) {
      throw unsupported("--link", "EndpointsConfig." + network + ".Links",
          "containers on network " + network + " already resolve each other by name; use --network-alias");
    }
    Object ipam = endpoint.getValue("IPAMConfig");
    if (ipam instanceof JsonObject cfg) {
      if (UnappliedHostConfig.isSet(cfg.getValue("LinkLocalIPs"))) {
        throw unsupported("--link-local-ip", "EndpointsConfig." + network + ".IPAMConfig.LinkLocalIPs", "remove it");
      }
      if (UnappliedHostConfig.isSet(cfg.getValue("IPv6Address"))) {
        throw unsupported("--ip6", "EndpointsConfig." + network + ".IPAMConfig.IPv6Address",
            "Wharf networks are IPv4 only");
      }
    }
  }

  /** --mount options Wharf does not apply (bind-nonrecursive, readonly=recursive..., volume-opt...). */
  static void checkMount(JsonObject mount) {
    JsonObject bind = mount.getValue("BindOptions") instanceof JsonObject b ? b : new JsonObject();
    for (String[] option : MOUNT_OPTIONS) {
      if (UnappliedHostConfig.isSet(bind.getValue(option[0]))) {
        throw unsupported("--mount " + option[1], "Mounts.BindOptions." + option[0], "remove it");
      }
    }
    JsonObject volume = mount.getValue("VolumeOptions") instanceof JsonObject v ? v : new JsonObject();
    if (UnappliedHostConfig.isSet(volume.getValue("Subpath"))) {
      throw unsupported("--mount volume-subpath", "Mounts.VolumeOptions.Subpath", "remove it");
    }
    if (UnappliedHostConfig.isSet(volume.getValue("Labels"))) {
      throw unsupported("--mount volume-label", "Mounts.VolumeOptions.Labels",
          "create the volume first with docker volume create --label");
    }
    JsonObject driver = volume.getValue("DriverConfig") instanceof JsonObject d ? d : new JsonObject();
    String name = driver.getString("Name", "");
    if (!name.isEmpty() && !name.equals("local")) {
      throw WharfException.invalid("error looking up volume plugin " + name + ": plugin \"" + name + "\" not found");
    }
    if (UnappliedHostConfig.isSet(driver.getValue("Options"))) {
      throw unsupported("--mount volume-opt", "Mounts.VolumeOptions.DriverConfig.Options",
          "create the volume first with docker volume create -o");
    }
  }

  /** BindOptions field -> the --mount option that sets it. */
  private static final String[][] MOUNT_OPTIONS = {{"NonRecursive", "bind-nonrecursive"},
      {"ReadOnlyNonRecursive", "readonly=non-recursive"}, {"ReadOnlyForceRecursive", "readonly=recursive"},
      {"CreateMountpoint", "bind-create-src"}};

  /**
   * The {@code platform} query parameter of create: empty, or this node's OS and architecture
   * ({@code linux}, {@code linux/amd64}, {@code linux/amd64/v1}...). Wharf runs no emulated
   * architectures, so any other platform is refused at create rather than failing at start.
   */
  static void checkPlatform(String platform, String image, String hostArch) {
    if (platform == null || platform.isBlank()) {
      return;
    }
    String[] parts = platform.toLowerCase(Locale.ROOT).split("/");
    String os = parts[0];
    String arch = parts.length > 1 ? ARCH_ALIASES.getOrDefault(parts[1], parts[1]) : hostArch;
    if (parts.length > 3 || os.isEmpty() || arch.isEmpty()) {
      throw WharfException.invalid("\"" + platform + "\": unknown operating system or architecture: invalid argument");
    }
    if (!os.equals("linux") || !arch.equals(hostArch)) {
      throw WharfException.invalid("cannot run " + image + " for platform " + platform + ": this node runs"
          + " linux/" + hostArch + " containers only");
    }
  }

  /** Go's GOARCH for the JVM's os.arch. */
  static String hostArch() {
    String arch = System.getProperty("os.arch", "amd64");
    return ARCH_ALIASES.getOrDefault(arch, arch);
  }

  private static final Map<String, String> ARCH_ALIASES = Map.of("x86_64", "amd64", "x86-64", "amd64",
      "aarch64", "arm64", "armhf", "arm", "i386", "386", "x86", "386");

  private static WharfException unsupported(String flag, String field, String hint) {
    return WharfException.invalid(flag + " is not supported by Wharf (" + field + "): " + hint
        + "; the container would run without it");
  }
}
