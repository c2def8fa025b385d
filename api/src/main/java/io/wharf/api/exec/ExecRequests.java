package io.wharf.api.exec;

import java.util.List;

/**
 * Request and reply bodies of the exec operations ({@code EXEC_*} in
 * {@link io.wharf.api.Addresses.NodeOp}). Exec ids are 64 hex like container ids; the node that
 * runs an exec records it in {@link io.wharf.api.ClusterMaps#EXECS} so any gateway finds it.
 */
public final class ExecRequests {
  private ExecRequests() {}

  /**
   * EXEC_CREATE, as Docker's {@code POST /containers/{id}/exec} body.
   *
   * @param containerId full 64-hex id (the gateway resolves names)
   * @param consoleSize [height, width] or null
   */
  public record Create(String containerId, List<String> cmd, List<String> env, String user, String workingDir,
      boolean tty, boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean privileged,
      String detachKeys, List<Integer> consoleSize) {}

  public record Created(String id) {}

  /** Names one exec by its full id. */
  public record Ref(String id) {}

  public record Resize(String id, int height, int width) {}

  /**
   * EXEC_INSPECT reply: Docker's {@code GET /exec/{id}/json}.
   *
   * @param exitCode null while the exec has not finished
   */
  public record Details(String id, String containerId, boolean running, Integer exitCode, int pid, boolean tty,
      String entrypoint, List<String> arguments, boolean privileged, String user, boolean openStdin,
      boolean openStdout, boolean openStderr, String detachKeys) {}
}
