package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import io.wharf.api.container.DeviceMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host lookups behind the run options, done before the pure spec build: --user plus
 * --group-add against the container's /etc files, --device nodes on the host, and the init
 * binary for --init. Every method blocks (file reads).
 */
public final class RunOptionsInput {
  private RunOptionsInput() {}

  /** Static builds first: the container may have no libc for a dynamic tini. */
  static final List<String> INIT_CANDIDATES = List.of("/usr/bin/tini-static", "/usr/bin/docker-init",
      "/usr/libexec/docker/docker-init", "/usr/bin/tini");

  /** The user with each --group-add (a gid or a group name of the container) added. */
  public static ResolvedUser user(Path rootfs, String user, List<String> groupAdd) {
    UserResolver resolver = UserResolver.forRootfs(rootfs);
    ResolvedUser u = resolver.resolve(user);
    if (groupAdd == null || groupAdd.isEmpty()) {
      return u;
    }
    List<Long> gids = new ArrayList<>(u.additionalGids());
    for (String g : groupAdd) {
      long gid = resolver.resolveGroupId(g);
      if (!gids.contains(gid)) {
        gids.add(gid);
      }
    }
    return new ResolvedUser(u.uid(), u.gid(), gids);
  }

  /**
   * Each --device as a node at its container path with the host node's type and numbers.
   *
   * @throws WharfException INVALID_ARGUMENT when a host path is not a device node (Docker's wording)
   */
  public static List<HostDevice> devices(List<DeviceMapping> mappings) {
    List<HostDevice> out = new ArrayList<>();
    for (DeviceMapping m : mappings) {
      Path host = Path.of(m.pathOnHost());
      Path real;
      try {
        real = host.toRealPath();
      } catch (java.io.IOException e) {
        throw WharfException.invalid("error gathering device information while adding custom device \""
            + m.pathOnHost() + "\": no such file or directory");
      }
      HostDevice d = HostDevice.describe(real).orElseThrow(() -> WharfException.invalid(
          "error gathering device information while adding custom device \"" + m.pathOnHost() + "\": not a device node"));
      out.add(new HostDevice(m.pathInContainer(), d.type(), d.major(), d.minor(), d.fileMode(), d.uid(), d.gid()));
    }
    return out;
  }

  /**
   * The node-dependent create-time checks: ulimits within this host's hard limits, --device paths
   * that are device nodes, an init binary for --init. @throws WharfException INVALID_ARGUMENT
   */
  public static void checkAtCreate(io.wharf.api.container.HostSettings host) {
    if (!host.ulimits().isEmpty()) {
      RunOptionsSpec.rlimits(host.ulimits(), HostLimits.ofThisProcess(), io.wharf.api.Json.MAPPER.createArrayNode());
    }
    devices(host.devices());
    IsolationChecks.checkAtCreate(host.isolation());
    if (Boolean.TRUE.equals(host.init()) && initBinary() == null) {
      throw WharfException.invalid("--init is not available: no init binary (tini) on this node");
    }
  }

  /** The first init binary found on this node, or null. */
  public static String initBinary() {
    for (String candidate : INIT_CANDIDATES) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return null;
  }
}
