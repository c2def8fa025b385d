package io.wharf.node.runtime;

/** What {@code runc state} reports: status is "created", "running", "paused" or "stopped". */
public record RuncState(String status, int pid) {
  public boolean isRunning() {
    return "running".equals(status);
  }
}
