package io.wharf.node.http;

import io.wharf.node.NodePaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attach clients waiting for their container to start. The lifecycle calls {@link #connectPending}
 * after the shim has created the container and before its program runs, so no output is lost; from
 * then until {@link #markStopped} new clients connect at once. The check "queue or connect" and the
 * switch to running are one atomic step, so no client can be left waiting for a start that passed.
 */
public final class AttachHub {
  private final NodePaths paths;
  private final Map<String, List<AttachSession>> pending = new HashMap<>();
  private final Set<String> running = new HashSet<>();

  public AttachHub(NodePaths paths) {
    this.paths = paths;
  }

  /** Queues the session if the container has not started; false means it runs: connect now. */
  public synchronized boolean await(String id, AttachSession session) {
    if (running.contains(id)) {
      return false;
    }
    pending.computeIfAbsent(id, k -> new ArrayList<>()).add(session);
    return true;
  }

  /** Connects a session to a running container (blocking). */
  public void connectNow(String id, AttachSession session) {
    session.connect(paths.attachSocket(id));
  }

  /** Marks a container adopted after a restart as running. */
  public synchronized void markRunning(String id) {
    running.add(id);
  }

  public synchronized void markStopped(String id) {
    running.remove(id);
  }

  /** Blocking; on a worker thread, between the runtime's create and start. */
  public void connectPending(String id) {
    List<AttachSession> sessions;
    synchronized (this) {
      running.add(id);
      sessions = pending.remove(id);
    }
    if (sessions == null) {
      return;
    }
    for (AttachSession s : sessions) {
      try {
        s.connect(paths.attachSocket(id));
      } catch (RuntimeException e) {
        s.fail(e.getMessage());
      }
    }
  }

  /** The container failed to start or was removed: end every waiting session. */
  public void failPending(String id, String message) {
    List<AttachSession> sessions;
    synchronized (this) {
      running.remove(id);
      sessions = pending.remove(id);
    }
    if (sessions != null) {
      sessions.forEach(s -> s.fail(message));
    }
  }
}
