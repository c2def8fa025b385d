package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Docker's signal parsing: a number (1..64), or a name with or without {@code SIG}, any case,
 * including RTMIN+n and RTMAX-n. Linux x86_64 numbering.
 */
public final class Signals {
  private Signals() {}

  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;
  static final int RTMIN = 34;
  static final int RTMAX = 64;

  private static final Map<String, Integer> BY_NAME = new HashMap<>();

  static {
    String[] names = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
        "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
        "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
    for (int i = 1; i < names.length; i++) {
      BY_NAME.put(names[i], i);
    }
    BY_NAME.put("IOT", 6);
    BY_NAME.put("CLD", 17);
    BY_NAME.put("POLL", 29);
    BY_NAME.put("RTMIN", RTMIN);
    BY_NAME.put("RTMAX", RTMAX);
    for (int n = 1; n <= 15; n++) {
      BY_NAME.put("RTMIN+" + n, RTMIN + n);
      BY_NAME.put("RTMAX-" + n, RTMAX - n);
    }
  }

  /**
   * "KILL", "SIGKILL", "sigterm", "9" -> the signal number.
   *
   * @throws WharfException INVALID_ARGUMENT {@code Invalid signal: FOO}
   */
  public static int parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw WharfException.invalid("Invalid signal: " + raw);
    }
    String s = raw.trim();
    if (s.chars().allMatch(Character::isDigit)) {
      try {
        int n = Integer.parseInt(s);
        if (n >= 1 && n <= RTMAX) {
          return n;
        }
      } catch (NumberFormatException e) {
        // too long: invalid below
      }
      throw WharfException.invalid("Invalid signal: " + raw);
    }
    String name = s.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    Integer n = BY_NAME.get(name);
    if (n == null) {
      throw WharfException.invalid("Invalid signal: " + raw);
    }
    return n;
  }
}
