package io.wharf.api.volume;

import io.wharf.api.WharfException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Docker's rules for local volume names, and the random names of anonymous volumes. */
public final class VolumeNames {
  private VolumeNames() {}

  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** Throws Docker's 400 for a name the local driver refuses; {@code op} is "create" in Docker's message. */
  public static void require(String op, String name) {
    if (!isValid(name)) {
      throw WharfException.invalid(op + " " + name + ": \"" + name + "\" includes invalid characters for a local"
          + " volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host"
          + " directory, use absolute path");
    }
  }

  /** 64 lowercase hex characters, as Docker names anonymous volumes. */
  public static String anonymous() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
