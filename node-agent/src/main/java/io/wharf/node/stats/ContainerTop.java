package io.wharf.node.stats;

import io.wharf.api.WharfException;
import io.wharf.node.runtime.HostCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the host's {@code ps} with the user's arguments (default {@code -ef}) and keeps the rows of
 * the container's processes, found in its cgroup. Blocks.
 */
public final class ContainerTop {
  private static final long PS_TIMEOUT_MS = 10_000;

  private ContainerTop() {}

  public static PsOutput.Table run(String id, int pid, String psArgs) {
    List<String> cmd = new ArrayList<>(List.of("ps"));
    String args = psArgs == null || psArgs.isBlank() ? "-ef" : psArgs;
    cmd.addAll(List.of(args.strip().split("\\s+")));
    List<Integer> pids = CgroupPaths.forContainer(id, pid).pids();
    HostCommand.Result r = HostCommand.run(cmd, PS_TIMEOUT_MS);
    if (!r.ok()) {
      throw WharfException.internal("Error running ps: exit status " + r.exitCode() + ": " + r.stderr().strip(), null);
    }
    return PsOutput.filter(r.stdout(), pids);
  }
}
