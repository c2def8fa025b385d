package io.wharf.gateway.container;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Docker's time strings: Go's RFC3339Nano (trailing zeros of the fraction dropped), UTC. */
public final class DockerTime {
  private DockerTime() {}

  /** What Docker shows for a time that never happened. */
  public static final String ZERO = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  /** Formats Unix epoch nanoseconds; 0 (or less) means unset and gives {@link #ZERO}. */
  public static String rfc3339Nano(long epochNanos) {
    if (epochNanos <= 0) {
      return ZERO;
    }
    Instant t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    StringBuilder out = new StringBuilder(SECONDS.format(t));
    if (t.getNano() != 0) {
      String frac = String.format("%09d", t.getNano());
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(frac, 0, end);
    }
    return out.append('Z').toString();
  }
}
