package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.node.NodePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link OciSpecInput} into the OCI runtime spec (config.json) with Docker's defaults,
 * clamped to what this host allows (rlimits, capabilities, oomScoreAdj 0, no hugepage limits,
 * absolute cgroupsPath {@code /wharf/<id>}). A pure function: no I/O.
 */
public final class OciSpecBuilder {
  private OciSpecBuilder() {}

  public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** Docker's RLIMIT_NOFILE (dockerd runs with LimitNOFILE=infinity); clamped to the host. */
  public static final long DOCKER_NOFILE = 1_048_576;

  /** @throws WharfException INVALID_ARGUMENT for bad settings (Docker's wording) */
  public static ObjectNode build(OciSpecInput in) {
    ContainerSpec spec = in.spec();
    HostSettings host = spec.host() != null ? spec.host() : HostSettings.defaults();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("ociVersion", "1.0.2-dev");
    root.set("process", process(in, spec, host));
    ObjectNode rootfs = root.putObject("root");
    rootfs.put("path", in.rootfs());
    rootfs.put("readonly", host.readonlyRootfs());
    root.put("hostname", hostname(in));
    if (spec.domainname() != null && !spec.domainname().isEmpty()) {
      root.put("domainname", spec.domainname());
    }
    root.set("mounts", mounts(in, host.privileged()));
    root.set("linux", linux(in, host));
    RunOptionsSpec.apply(in, host, root);
    IsolationSpec.apply(in, host.isolation(), root);
    return root;
  }

  static String hostname(OciSpecInput in) {
    String h = in.spec().hostname();
    return h != null && !h.isEmpty() ? h : NodePaths.shortId(in.containerId());
  }

  private static ObjectNode process(OciSpecInput in, ContainerSpec spec, HostSettings host) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("terminal", spec.tty());
    List<Integer> size = host.consoleSize();
    if (spec.tty() && size != null && size.size() == 2 && size.get(0) > 0 && size.get(1) > 0) {
      ObjectNode cs = p.putObject("consoleSize");
      cs.put("height", size.get(0));
      cs.put("width", size.get(1));
    }
    ObjectNode user = p.putObject("user");
    ResolvedUser u = in.user() != null ? in.user() : ResolvedUser.ROOT;
    user.put("uid", u.uid());
    user.put("gid", u.gid());
    if (!u.additionalGids().isEmpty()) {
      ArrayNode gids = user.putArray("additionalGids");
      u.additionalGids().forEach(gids::add);
    }
    ArrayNode args = p.putArray("args");
    args(spec).forEach(args::add);
    ArrayNode env = p.putArray("env");
    env(spec, hostname(in)).forEach(env::add);
    String cwd = spec.workingDir();
    p.put("cwd", cwd == null || cwd.isEmpty() ? "/" : cwd);
    ObjectNode caps = p.putObject("capabilities");
    List<String> effective = Capabilities.effective(host.privileged(), host.capAdd(), host.capDrop(), in.limits());
    for (String set : List.of("bounding", "effective", "permitted")) {
      ArrayNode a = caps.putArray(set);
      effective.forEach(a::add);
    }
    ArrayNode rlimits = p.putArray("rlimits");
    long nofile = in.limits().clamp("RLIMIT_NOFILE", DOCKER_NOFILE);
    rlimits.addObject().put("type", "RLIMIT_NOFILE").put("hard", nofile).put("soft", nofile);
    p.put("noNewPrivileges", false);
    p.put("oomScoreAdj", 0);
    return p;
  }

  /** Entrypoint followed by Cmd. @throws WharfException INVALID_ARGUMENT when both are empty */
  static List<String> args(ContainerSpec spec) {
    List<String> args = new ArrayList<>();
    if (spec.entrypoint() != null) {
      args.addAll(spec.entrypoint());
    }
    if (spec.cmd() != null) {
      args.addAll(spec.cmd());
    }
    if (args.isEmpty()) {
      throw WharfException.invalid("No command specified");
    }
    return args;
  }

  /** Docker's order: PATH, HOSTNAME, TERM (tty only), then the spec's env replacing same keys. */
  static List<String> env(ContainerSpec spec, String hostname) {
    Map<String, String> byKey = new LinkedHashMap<>();
    put(byKey, DEFAULT_PATH);
    put(byKey, "HOSTNAME=" + hostname);
    if (spec.tty()) {
      put(byKey, "TERM=xterm");
    }
    if (spec.env() != null) {
      spec.env().forEach(e -> put(byKey, e));
    }
    return new ArrayList<>(byKey.values());
  }

  private static void put(Map<String, String> byKey, String entry) {
    int eq = entry.indexOf('=');
    byKey.put(eq >= 0 ? entry.substring(0, eq) : entry, entry);
  }

  private static ArrayNode mounts(OciSpecInput in, boolean privileged) {
    List<OciMount> all = new ArrayList<>(DockerDefaults.mounts(privileged));
    addBind(all, in.resolvConfFile(), "/etc/resolv.conf");
    addBind(all, in.hostnameFile(), "/etc/hostname");
    addBind(all, in.hostsFile(), "/etc/hosts");
    if (in.extraMounts() != null) {
      all.addAll(in.extraMounts());
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (OciMount m : all) {
      ObjectNode n = out.addObject();
      n.put("destination", m.destination());
      n.put("type", m.type());
      n.put("source", m.source());
      ArrayNode opts = n.putArray("options");
      m.options().forEach(opts::add);
    }
    return out;
  }

  private static void addBind(List<OciMount> mounts, String source, String destination) {
    if (source != null) {
      mounts.add(OciMount.bind(source, destination, false));
    }
  }

  private static ObjectNode linux(OciSpecInput in, HostSettings host) {
    ObjectNode linux = Json.MAPPER.createObjectNode();
    linux.put("cgroupsPath", "/wharf/" + in.containerId());
    ObjectNode resources = linux.putObject("resources");
    resources.set("devices", DockerDefaults.deviceRules(host.privileged()));
    OciResources.apply(host, resources);
    ArrayNode ns = linux.putArray("namespaces");
    for (String type : List.of("pid", "ipc", "uts", "mount")) {
      ns.addObject().put("type", type);
    }
    String net = in.network() == null ? OciSpecInput.NETWORK_NONE : in.network();
    if (net.equals(OciSpecInput.NETWORK_NONE) || net.equals(OciSpecInput.NETWORK_ISOLATED)) {
      ns.addObject().put("type", "network");
    } else if (!net.equals(OciSpecInput.NETWORK_HOST)) {
      ns.addObject().put("type", "network").put("path", net);
    }
    if (host.privileged()) {
      linux.set("devices", DockerDefaults.devices(in.hostDevices() == null ? List.of() : in.hostDevices()));
      linux.putArray("maskedPaths");
      linux.putArray("readonlyPaths");
    } else {
      ArrayNode masked = linux.putArray("maskedPaths");
      DockerDefaults.MASKED_PATHS.forEach(masked::add);
      ArrayNode ro = linux.putArray("readonlyPaths");
      DockerDefaults.READONLY_PATHS.forEach(ro::add);
    }
    return linux;
  }
}
