package io.wharf.api.container;

/**
 * A container's lifecycle state, named as Docker shows it in {@code State.Status}.
 *
 * <pre>
 *   CREATED --start--> RUNNING --exit/stop/kill--> EXITED --start--> RUNNING
 *   RUNNING --pause--> PAUSED --unpause--> RUNNING
 *   RUNNING --exit with restart policy--> RESTARTING --> RUNNING
 *   any --remove--> REMOVING --> (gone)
 *   any --unrecoverable host failure (shim lost)--> DEAD
 * </pre>
 */
public enum ContainerState {
  CREATED("created"),
  RUNNING("running"),
  PAUSED("paused"),
  RESTARTING("restarting"),
  REMOVING("removing"),
  EXITED("exited"),
  DEAD("dead");

  private final String wire;

  ContainerState(String wire) {
    this.wire = wire;
  }

  /** The lower-case word Docker uses on the wire. */
  public String wire() {
    return wire;
  }

  public boolean isLive() {
    return this == RUNNING || this == PAUSED || this == RESTARTING;
  }

  public static ContainerState fromWire(String s) {
    for (ContainerState v : values()) {
      if (v.wire.equalsIgnoreCase(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown container state " + s);
  }
}
