package io.wharf.registry.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** RFC 3339 times as Docker writes them (Go's RFC3339Nano: UTC, trailing zeros of the fraction dropped). */
public final class Rfc3339 {
  private Rfc3339() {}

  private static final DateTimeFormatter NANO = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendLiteral('Z')
      .toFormatter();

  public static String format(Instant t) {
    return NANO.format(t.atOffset(ZoneOffset.UTC));
  }

  /** Unix seconds of an RFC 3339 time; 0 when null or unparsable (Docker shows such images as old). */
  public static long epochSeconds(String rfc3339) {
    Instant t = parse(rfc3339);
    return t == null ? 0 : t.getEpochSecond();
  }

  public static Instant parse(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(rfc3339).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
