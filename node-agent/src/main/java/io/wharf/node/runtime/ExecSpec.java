package io.wharf.node.runtime;

import java.util.List;

/**
 * One {@code docker exec}: what runs inside an existing container.
 *
 * @param env added to (and replacing same keys of) the container's environment; may be null
 * @param user resolved user, or null to run as the container's user
 * @param workingDir or null/empty for the container's
 * @param consoleSize [height, width] of the pty, or null
 * @param privileged every capability the host allows, whatever the container has
 */
public record ExecSpec(List<String> cmd, List<String> env, ResolvedUser user, String workingDir, boolean tty,
    boolean attachStdin, List<Integer> consoleSize, boolean privileged) {

  public ExecSpec(List<String> cmd, List<String> env, ResolvedUser user, String workingDir, boolean tty,
      boolean attachStdin, List<Integer> consoleSize) {
    this(cmd, env, user, workingDir, tty, attachStdin, consoleSize, false);
  }
}
