package io.wharf.node;

import io.wharf.api.WharfException;

/** The {@code condition} of {@code POST /containers/{id}/wait}. */
public enum WaitCondition {
  /** Answer now if the container is not running, else at its next exit (the default). */
  NOT_RUNNING,
  /** Answer at the next exit, even if the container is not running now. */
  NEXT_EXIT,
  /** Answer once the container has been removed. */
  REMOVED;

  public static WaitCondition parse(String s) {
    if (s == null || s.isEmpty() || s.equals("not-running")) {
      return NOT_RUNNING;
    }
    if (s.equals("next-exit")) {
      return NEXT_EXIT;
    }
    if (s.equals("removed")) {
      return REMOVED;
    }
    throw WharfException.invalid("invalid condition: \"" + s + "\"");
  }
}
