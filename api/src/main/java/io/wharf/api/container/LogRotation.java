package io.wharf.api.container;

import io.wharf.api.WharfException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The json-file driver's rotation options: {@code max-size} (bytes; go-units RAMInBytes syntax,
 * "10k", "1m", "1g") and {@code max-file} (files kept, the live one included; default 1).
 *
 * @param maxSize bytes before the live log is rotated; 0 = never rotate
 */
public record LogRotation(long maxSize, int maxFiles) {
  public static final LogRotation NONE = new LogRotation(0, 1);
  private static final Pattern SIZE = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)(?:i?b)?$");

  /** @throws WharfException INVALID_ARGUMENT for a malformed size or count */
  public static LogRotation of(Map<String, String> logOptions) {
    if (logOptions == null) {
      return NONE;
    }
    String size = logOptions.get("max-size");
    String files = logOptions.get("max-file");
    long maxSize = size == null || size.equals("-1") ? 0 : parseSize(size);
    int maxFiles = 1;
    if (files != null) {
      if (!files.matches("[0-9]{1,4}") || Integer.parseInt(files) < 1) {
        throw WharfException.invalid("max-file cannot be less than 1");
      }
      maxFiles = Integer.parseInt(files);
    }
    return new LogRotation(maxSize, maxFiles);
  }

  /** go-units RAMInBytes: binary multiples, optional "b"/"ib" suffix, case-insensitive. */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw WharfException.invalid("invalid size: '" + text + "'");
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      case "p" -> 50;
      default -> 0;
    };
    return (long) (Double.parseDouble(m.group(1)) * (1L << shift));
  }
}
