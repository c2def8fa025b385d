package io.wharf.node;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Merges an image's defaults into what the user asked for, with Docker's rules: user Env entries
 * override the image's by key and PATH is always present; an Entrypoint given by the user drops the
 * image's Cmd unless the user also gave a Cmd; an empty Entrypoint resets the image's; labels, exposed
 * ports and volumes are unions. A container with nothing to run is rejected ("No command specified").
 */
public final class ConfigMerger {
  private ConfigMerger() {}

  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  public static ContainerSpec merge(ContainerSpec user, ImageConfig image, String id) {
    ImageConfig img = image == null ? ImageConfig.empty() : image;
    List<String> entrypoint = entrypoint(user, img);
    List<String> cmd = user.cmd() != null ? user.cmd() : (user.entrypoint() != null ? null : img.cmd());
    if (isEmpty(entrypoint) && isEmpty(cmd)) {
      throw WharfException.invalid("No command specified");
    }
    HostSettings host = user.host() != null ? user.host() : HostSettings.defaults();
    return new ContainerSpec(
        user.name(),
        user.image(),
        cmd,
        entrypoint,
        env(img.env(), user.env()),
        firstNonEmpty(user.workingDir(), img.workingDir(), "/"),
        firstNonEmpty(user.user(), img.user(), ""),
        firstNonEmpty(user.hostname(), defaultHostname(host, id, HostName::read), NodePaths.shortId(id)),
        user.domainname() == null ? "" : user.domainname(),
        labels(img.labels(), user.labels()),
        user.tty(), user.openStdin(), user.stdinOnce(),
        user.attachStdin(), user.attachStdout(), user.attachStderr(),
        firstNonEmpty(user.stopSignal(), img.stopSignal(), null),
        user.stopTimeout(),
        union(img.exposedPorts(), user.exposedPorts()),
        union(img.volumes(), user.volumes()),
        host,
        HealthConfigMerger.merge(img.healthcheck(), user.healthcheck()));
  }

  /**
   * Docker's hostname when none is given: the host's name when the container shares the host's UTS or
   * network namespace, else the short id.
   */
  static String defaultHostname(HostSettings host, String id, Supplier<String> hostName) {
    boolean sharesHost = "host".equals(host.isolation().utsMode()) || "host".equals(host.networkMode());
    return sharesHost ? hostName.get() : NodePaths.shortId(id);
  }

  private static List<String> entrypoint(ContainerSpec user, ImageConfig img) {
    if (user.entrypoint() == null) {
      return img.entrypoint();
    }
    if (user.entrypoint().isEmpty() || (user.entrypoint().size() == 1 && user.entrypoint().get(0).isEmpty())) {
      return null;
    }
    return user.entrypoint();
  }

  static List<String> env(List<String> imageEnv, List<String> userEnv) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (List<String> source : java.util.Arrays.asList(imageEnv, userEnv)) {
      if (source == null) {
        continue;
      }
      for (String entry : source) {
        int eq = entry.indexOf('=');
        byKey.put(eq < 0 ? entry : entry.substring(0, eq), entry);
      }
    }
    if (!byKey.containsKey("PATH")) {
      Map<String, String> withPath = new LinkedHashMap<>();
      withPath.put("PATH", DEFAULT_PATH);
      withPath.putAll(byKey);
      byKey = withPath;
    }
    List<String> out = new ArrayList<>();
    for (String entry : byKey.values()) {
      if (entry.indexOf('=') >= 0) {
        out.add(entry);
      }
    }
    return out;
  }

  private static Map<String, String> labels(Map<String, String> image, Map<String, String> user) {
    Map<String, String> out = new LinkedHashMap<>();
    if (image != null) {
      out.putAll(image);
    }
    if (user != null) {
      out.putAll(user);
    }
    return out;
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (a != null) {
      out.addAll(a);
    }
    if (b != null) {
      out.addAll(b);
    }
    return new ArrayList<>(out);
  }

  private static String firstNonEmpty(String a, String b, String fallback) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    if (b != null && !b.isEmpty()) {
      return b;
    }
    return fallback;
  }

  private static boolean isEmpty(List<String> l) {
    return l == null || l.isEmpty();
  }
}
