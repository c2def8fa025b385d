package io.wharf.node.net.ports;

import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.PublishedPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a running container publishes on this host, kept in {@code containers/<id>/ports.json} from
 * the moment its rules exist until they are gone: a daemon that restarts while the container keeps
 * running re-takes its ports from it, and a crash between the two never strands a rule. When
 * they go, the host ports are kept in {@code ports.previous.json} (until the container's directory
 * goes with it): its next start asks for them again.
 *
 * @param containerIp the container's address on {@code bridge}, the DNAT target
 * @param hostVeth the host end of its veth (hairpin mode is set on it)
 */
public record PortState(String containerIp, String bridge, String hostVeth, PublishedPorts ports) {
  static final String FILE = "ports.json";
  static final String PREVIOUS = "ports.previous.json";

  public static PortState read(Path containerDir) {
    Path file = containerDir.resolve(FILE);
    try {
      return Files.exists(file) ? Json.read(Files.readString(file), PortState.class) : null;
    } catch (IOException | RuntimeException e) {
      throw WharfException.internal("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path containerDir) {
    Path file = containerDir.resolve(FILE);
    Path tmp = containerDir.resolve(FILE + ".tmp");
    try {
      Files.writeString(tmp, Json.string(this));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw WharfException.internal("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static void delete(Path containerDir) {
    try {
      Files.deleteIfExists(containerDir.resolve(FILE));
    } catch (IOException e) {
      throw WharfException.internal("cannot delete " + containerDir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  /** The host ports of the container's last run; none when unknown or unreadable (a preference only). */
  public static java.util.List<PublishedPorts.Published> previous(Path containerDir) {
    Path file = containerDir.resolve(PREVIOUS);
    try {
      if (!Files.exists(file)) {
        return java.util.List.of();
      }
      return java.util.List.of(Json.read(Files.readString(file), PublishedPorts.Published[].class));
    } catch (IOException | RuntimeException e) {
      return java.util.List.of();
    }
  }

  /** Keeps the host ports of the run that ends; a failure only loses the preference. */
  public static void keepAsPrevious(Path containerDir, java.util.List<PublishedPorts.Published> ports) {
    try {
      Files.writeString(containerDir.resolve(PREVIOUS), Json.string(ports));
    } catch (IOException | RuntimeException e) {
      // the next start picks fresh ports
    }
  }
}
