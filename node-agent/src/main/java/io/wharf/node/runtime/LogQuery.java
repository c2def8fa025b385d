package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.math.BigDecimal;

/**
 * Which records a log read returns, with Docker's semantics: the last {@code tail} records of the
 * file (negative = all), then only those at or after {@code since} and not after {@code until}
 * (Unix epoch nanoseconds; 0 = no bound); {@code follow} keeps delivering new records.
 */
public record LogQuery(int tail, long sinceNanos, long untilNanos, boolean follow) {

  public static final LogQuery ALL = new LogQuery(-1, 0, 0, false);

  /**
   * From Docker's query strings: tail "all" or a count (anything else = all, as Docker),
   * since/until as Unix seconds with an optional fraction ("1700000000.5"); null or "" = unset.
   *
   * @throws WharfException INVALID_ARGUMENT for a malformed since/until
   */
  public static LogQuery of(String tail, String since, String until, boolean follow) {
    return new LogQuery(parseTail(tail), seconds(since, "since"), seconds(until, "until"), follow);
  }

  static int parseTail(String tail) {
    if (tail == null) {
      return -1;
    }
    try {
      return Integer.parseInt(tail.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static long seconds(String value, String name) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      BigDecimal s = new BigDecimal(value.trim());
      if (s.signum() < 0) {
        throw WharfException.invalid("invalid value for \"" + name + "\": " + value);
      }
      return s.movePointRight(9).longValue();
    } catch (NumberFormatException | ArithmeticException e) {
      throw WharfException.invalid("invalid value for \"" + name + "\": " + value);
    }
  }

  /** Whether a record at {@code timeNanos} passes since. */
  boolean afterSince(long timeNanos) {
    return sinceNanos == 0 || timeNanos >= sinceNanos;
  }

  /** Whether a record at {@code timeNanos} is past until (the stream ends there). */
  boolean pastUntil(long timeNanos) {
    return untilNanos != 0 && timeNanos > untilNanos;
  }
}
