package io.wharf.gateway.event;

import io.wharf.api.WharfException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The {@code since}/{@code until} bounds of {@code GET /events}, in Unix nanoseconds. Values are
 * Unix seconds, possibly fractional ("1795800876.5", what the CLI sends), or RFC 3339 times.
 * Without {@code since} no history is replayed, unless {@code until} is given (as dockerd does).
 */
public record EventWindow(long sinceNanos, long untilNanos) {
  public static final long OPEN = Long.MAX_VALUE;

  public static EventWindow parse(String since, String until) {
    long s = since == null || since.isEmpty() ? -1 : toNanos("since", since);
    long u = until == null || until.isEmpty() ? OPEN : toNanos("until", until);
    if (s < 0 && u != OPEN) {
      s = 0;
    }
    return new EventWindow(s, u);
  }

  public boolean replays() {
    return sinceNanos >= 0;
  }

  public boolean bounded() {
    return untilNanos != OPEN;
  }

  public boolean contains(long timeNano) {
    return timeNano >= Math.max(sinceNanos, 0) && timeNano <= untilNanos;
  }

  static long toNanos(String name, String value) {
    try {
      return new BigDecimal(value.trim()).movePointRight(9).longValue();
    } catch (NumberFormatException e) {
      try {
        OffsetDateTime t = OffsetDateTime.parse(value.trim());
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
      } catch (DateTimeParseException e2) {
        throw WharfException.invalid("invalid value for " + name + ": " + value);
      }
    }
  }
}
