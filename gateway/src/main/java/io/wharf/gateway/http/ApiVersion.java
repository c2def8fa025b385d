package io.wharf.gateway.http;

import io.wharf.api.WharfException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Engine API version ("1.41"). The gateway serves every version from {@link #MIN} to
 * {@link #MAX}; a request path without a {@code /vX.Y} prefix is treated as {@link #MAX}, as
 * dockerd does.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  public static final ApiVersion MAX = new ApiVersion(1, 47);
  public static final ApiVersion MIN = new ApiVersion(1, 24);

  private static final Pattern WIRE = Pattern.compile("(\\d+)\\.(\\d+)");

  /** Parses "1.41"; anything else is INVALID_ARGUMENT. */
  public static ApiVersion parse(String text) {
    Matcher m = WIRE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw WharfException.invalid("malformed API version " + text);
    }
    try {
      return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      throw WharfException.invalid("malformed API version " + text);
    }
  }

  /** Fails with Docker's wording when this version is outside [MIN, MAX]. */
  public ApiVersion requireSupported() {
    if (compareTo(MAX) > 0) {
      throw WharfException.invalid("client version " + this + " is too new. Maximum supported API version is "
          + MAX);
    }
    if (compareTo(MIN) < 0) {
      throw WharfException.invalid("client version " + this + " is too old. Minimum supported API version is "
          + MIN + ", please upgrade your client to a newer version");
    }
    return this;
  }

  public boolean atLeast(int major, int minor) {
    return compareTo(new ApiVersion(major, minor)) >= 0;
  }

  public boolean below(int major, int minor) {
    return !atLeast(major, minor);
  }

  @Override
  public int compareTo(ApiVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
