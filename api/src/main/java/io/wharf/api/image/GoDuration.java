package io.wharf.api.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax as Docker reads it in HEALTHCHECK flags (Dockerfile and commit --change):
 * a sequence of decimal numbers with units ns, us (µs), ms, s, m, h, e.g. "1m30s", "0.5s"; "0" alone
 * is zero. One parser for the builder and the registry's commit changes.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /** @throws IllegalArgumentException with Go's message {@code time: invalid duration "x"} */
  public static long nanos(String text) {
    if (text.equals("0")) {
      return 0;
    }
    Matcher m = PART.matcher(text);
    long total = 0;
    int at = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      total += (long) (n * unit);
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
    return total;
  }
}
