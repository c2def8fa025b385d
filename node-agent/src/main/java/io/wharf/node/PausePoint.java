package io.wharf.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only crash points. When the JVM runs with {@code -Dwharf.test.pauseAt=<name>}, the first
 * thread that reaches the point of that name logs {@code paused at <name>} and then blocks for
 * good, so a test can kill -9 the daemon while an operation is exactly half done. Without the
 * property (production) {@link #reach} is a no-op. Only call it from worker threads: it blocks.
 *
 * <p>Named points: {@code create.beforeRecord} (container dir and files written, no record yet),
 * {@code start.afterShim} (conmon and runc create done, process not started), {@code
 * start.afterRuncStart} (process running, record still CREATED), {@code stop.afterSignal} (stop or
 * kill signal sent, exit not yet handled), {@code exec.afterPrepare} (exec conmon waiting to be
 * released).
 */
public final class PausePoint {
  private static final Logger LOG = LoggerFactory.getLogger(PausePoint.class);
  private static final String PAUSE_AT = System.getProperty("wharf.test.pauseAt", "");

  private PausePoint() {
  }

  /** Blocks forever when {@code name} is the configured pause point; returns at once otherwise. */
  public static void reach(String name) {
    if (PAUSE_AT.isEmpty() || !PAUSE_AT.equals(name)) {
      return;
    }
    LOG.warn("paused at {} (wharf.test.pauseAt): waiting to be killed", name);
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
