package io.wharf.node;

import io.wharf.api.container.ContainerSpec;
import java.util.ArrayList;
import java.util.List;

/** The process a container runs: entrypoint followed by cmd, as Docker composes them. */
public final class CommandLine {
  private CommandLine() {}

  public static List<String> argv(ContainerSpec effective) {
    List<String> argv = new ArrayList<>();
    if (effective.entrypoint() != null) {
      argv.addAll(effective.entrypoint());
    }
    if (effective.cmd() != null) {
      argv.addAll(effective.cmd());
    }
    return argv;
  }

  /** The joined form {@code docker ps} shows in its COMMAND column. */
  public static String of(ContainerSpec effective) {
    return String.join(" ", argv(effective));
  }
}
