package io.wharf.node.restart;

import io.wharf.api.container.RestartPolicy;

/**
 * Docker's restart policies and back-off as pure decisions.
 *
 * <ul>
 *   <li>{@code no}: never;</li>
 *   <li>{@code on-failure[:N]}: when the exit code is not 0, at most N times (0 = no limit);</li>
 *   <li>{@code always}, {@code unless-stopped}: whatever the code;</li>
 *   <li>none of them after a manual stop or kill (Docker's HasBeenManuallyStopped) until the next
 *       manual start. When the daemon starts, {@code always} containers come back even after a
 *       manual stop, {@code unless-stopped} ones only if they were not stopped by hand.</li>
 * </ul>
 * Back-off: the first restart waits {@link #INITIAL_DELAY_MS}, each next one twice the previous, up
 * to {@link #MAX_DELAY_MS}; a run of at least {@link #RESET_AFTER_MS} resets it.
 */
public final class RestartRule {
  public static final long INITIAL_DELAY_MS = 100;
  public static final long MAX_DELAY_MS = 60_000;
  public static final long RESET_AFTER_MS = 10_000;

  private RestartRule() {}

  /** Whether a container that just exited restarts by itself. */
  public static boolean restartsAfterExit(RestartPolicy p, int exitCode, int restartCount, boolean manuallyStopped) {
    if (p == null || manuallyStopped) {
      return false;
    }
    return switch (p.name() == null ? "no" : p.name()) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> exitCode != 0 && (p.maximumRetryCount() <= 0 || restartCount < p.maximumRetryCount());
      default -> false;
    };
  }

  /** Whether a stopped container starts when the daemon starts. */
  public static boolean restartsWithDaemon(RestartPolicy p, boolean manuallyStopped) {
    String name = p == null || p.name() == null ? "no" : p.name();
    return name.equals("always") || (name.equals("unless-stopped") && !manuallyStopped);
  }

  /**
   * The delay before the next restart.
   *
   * @param previousDelayMs the delay used before the last restart, 0 if none
   * @param ranForMs how long the container ran before this exit
   */
  public static long nextDelayMs(long previousDelayMs, long ranForMs) {
    if (previousDelayMs <= 0 || ranForMs >= RESET_AFTER_MS) {
      return INITIAL_DELAY_MS;
    }
    return Math.min(previousDelayMs * 2, MAX_DELAY_MS);
  }
}
