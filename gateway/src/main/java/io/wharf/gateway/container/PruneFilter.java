package io.wharf.gateway.container;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.gateway.http.FilterArgs;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which containers {@code POST /containers/prune?filters=} removes: every one that is not running
 * or paused, created before {@code until} (a Go duration like "24h" or "1h30m" back from now, Unix
 * seconds, or an RFC 3339 time), carrying every {@code label} and not carrying every
 * {@code label!} (Docker's rules: "key" or "key=value"). Pure.
 */
public final class PruneFilter {
  private static final Set<String> KEYS = Set.of("until", "label", "label!");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private final FilterArgs filters;
  private final long untilNanos;

  public PruneFilter(FilterArgs filters, long nowNanos) {
    this.filters = filters.requireKeys(KEYS);
    List<String> until = filters.get("until");
    if (until.size() > 1) {
      throw WharfException.invalid("more than one until filter specified");
    }
    this.untilNanos = until.isEmpty() ? Long.MAX_VALUE : timestamp(until.get(0), nowNanos);
  }

  public boolean prunes(ContainerSummary c) {
    if (c.state().isLive()) {
      return false;
    }
    if (c.createdNanos() >= untilNanos) {
      return false;
    }
    if (!FilterArgs.labelsMatch(filters.get("label"), c.labels())) {
      return false;
    }
    return !filters.has("label!") || !FilterArgs.labelsMatch(filters.get("label!"), c.labels());
  }

  /** Docker's timetypes.GetTimestamp: a duration back from now, Unix seconds or RFC 3339. */
  public static long timestamp(String value, long nowNanos) {
    String v = value.trim();
    Long duration = durationNanos(v);
    if (duration != null) {
      return nowNanos - duration;
    }
    try {
      return new BigDecimal(v).movePointRight(9).longValue();
    } catch (NumberFormatException e) {
      try {
        OffsetDateTime t = OffsetDateTime.parse(v);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
      } catch (DateTimeParseException e2) {
        throw WharfException.invalid("failed to parse value as time or duration: \"" + value + "\"");
      }
    }
  }

  /** A Go duration ("10m", "1h30m", "1.5h") in nanoseconds, or null when it is not one. */
  static Long durationNanos(String v) {
    Matcher m = DURATION_PART.matcher(v);
    int end = 0;
    double total = 0;
    while (m.find() && m.start() == end) {
      total += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      end = m.end();
    }
    return end == v.length() && end > 0 ? (long) total : null;
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      default -> 3600e9;
    };
  }
}
