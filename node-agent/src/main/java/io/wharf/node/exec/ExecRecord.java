package io.wharf.node.exec;

import io.wharf.api.exec.ExecRequests;
import java.util.List;

/**
 * One exec as this node knows it. Immutable: {@link ExecTable} swaps records as the exec moves
 * through its states.
 *
 * <pre>
 *   CREATED --start--> RUNNING --exit--> EXITED
 *   CREATED --start fails--> EXITED (126 or 127, as Docker)
 * </pre>
 *
 * @param exitCode null until EXITED
 */
public record ExecRecord(String id, ExecRequests.Create request, State state, int pid, Integer exitCode) {

  public enum State { CREATED, RUNNING, EXITED }

  public ExecRecord running(int newPid) {
    return new ExecRecord(id, request, State.RUNNING, newPid, null);
  }

  public ExecRecord exited(int code) {
    return new ExecRecord(id, request, State.EXITED, pid, code);
  }

  public String containerId() {
    return request.containerId();
  }

  /** Docker's exec inspect body. */
  public ExecRequests.Details details() {
    List<String> cmd = request.cmd();
    String user = request.user() == null ? "" : request.user();
    return new ExecRequests.Details(id, request.containerId(), state == State.RUNNING, exitCode, pid,
        request.tty(), cmd.get(0), cmd.subList(1, cmd.size()), request.privileged(), user,
        request.attachStdin(), request.attachStdout(), request.attachStderr(),
        request.detachKeys() == null ? "" : request.detachKeys());
  }

  /**
   * The exit code when the runtime could not start the process (missing binary, not executable,
   * bad cwd): 126, as dockerd 20.10 reports for every exec start failure (captured on the wire,
   * 15b-exec-t: {@code exec: "tty": executable file not found} gave ExitCode 126).
   */
  public static final int START_FAILED = 126;
}
