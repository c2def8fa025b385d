package io.wharf.gateway.container;

import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;

/**
 * The human {@code Status} column of {@code docker ps}: "Up 3 seconds", "Up 2 hours (Paused)",
 * "Exited (0) 5 minutes ago", "Created", "Restarting (1) 2 seconds ago", "Removal In Progress",
 * "Dead". Durations follow Docker's go-units HumanDuration.
 */
public final class StatusText {
  private StatusText() {}

  public static String of(ContainerSummary c, long nowNanos) {
    ContainerState state = c.state();
    return switch (state) {
      case RUNNING -> "Up " + humanDuration(nowNanos - c.startedNanos()) + healthSuffix(c);
      case PAUSED -> "Up " + humanDuration(nowNanos - c.startedNanos()) + " (Paused)";
      case RESTARTING -> "Restarting (" + c.exitCode() + ") " + humanDuration(nowNanos - c.finishedNanos()) + " ago";
      case REMOVING -> "Removal In Progress";
      case DEAD -> "Dead";
      case CREATED -> "Created";
      case EXITED -> c.startedNanos() <= 0 && c.finishedNanos() <= 0 ? "Created"
          : c.finishedNanos() <= 0 ? "" : "Exited (" + c.exitCode() + ") " + humanDuration(nowNanos - c.finishedNanos()) + " ago";
    };
  }

  /** Docker's " (healthy)", " (unhealthy)", " (health: starting)"; empty without a health check. */
  static String healthSuffix(ContainerSummary c) {
    if (c.health() == null || c.health().status() == null) {
      return "";
    }
    String status = c.health().status();
    return status.equals("starting") ? " (health: starting)" : " (" + status + ")";
  }

  /** go-units HumanDuration. */
  public static String humanDuration(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = seconds / 60;
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(nanos / 3_600_000_000_000.0);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return seconds / 3600 / 24 / 365 + " years";
  }
}
