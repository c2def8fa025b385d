package io.wharf.node.net;

import io.wharf.api.WharfException;
import io.wharf.node.ContainerFiles;
import io.wharf.node.ContainerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code --network container:<id>}: the container joins the network namespace of another,
 * running container. The target's namespace is bound at /var/run/netns/&lt;id&gt; ({@code ip netns
 * attach}), which runc then joins like any other; the usual teardown ({@code ip netns del}) only
 * removes that bind, never the target's namespace. The container sees the target's /etc/hosts
 * and resolv.conf, as in Docker. Blocking.
 */
final class SharedNetns {
  static final String PREFIX = "container:";

  private SharedNetns() {}

  /** The container a mode names, or null for any other mode. */
  static String targetOf(String mode) {
    return mode != null && mode.startsWith(PREFIX) ? mode.substring(PREFIX.length()) : null;
  }

  /** Docker refuses to join a container that is not running (409, its wording). */
  static void requireRunning(String ref, ContainerRecord target) {
    if (target == null) {
      throw WharfException.notFound("No such container: " + ref);
    }
    if (!target.state().isLive() || target.pid() <= 0) {
      throw WharfException.conflict("cannot join network of a non running container: " + ref);
    }
  }

  static void join(HostNet net, ContainerFiles files, String id, ContainerRecord target) {
    if (Files.exists(Path.of("/var/run/netns", id))) {
      net.tryRun("ip", "netns", "del", id);
    }
    net.run("ip", "netns", "attach", id, Integer.toString(target.pid()));
    copy(files.hosts(target.id()), files.hosts(id));
    copy(files.resolvConf(target.id()), files.resolvConf(id));
  }

  private static void copy(Path from, Path to) {
    try {
      if (Files.exists(from) && Files.exists(to.getParent())) {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
