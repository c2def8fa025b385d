package io.wharf.registry.store;

import io.wharf.api.WharfException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests in the "sha256:&lt;64 lower-case hex&gt;" form used everywhere in Wharf. */
public final class Digests {
  private Digests() {}

  public static final String SHA256 = "sha256:";
  private static final Pattern VALID = Pattern.compile("sha256:[a-f0-9]{64}");

  public static boolean isValid(String digest) {
    return digest != null && VALID.matcher(digest).matches();
  }

  /** Throws INVALID_ARGUMENT unless {@code digest} is a valid sha256 digest. */
  public static String require(String digest) {
    if (!isValid(digest)) {
      throw WharfException.invalid("invalid digest \"" + digest + "\": expected sha256:<64 hex>");
    }
    return digest;
  }

  /** The 64 hex characters of a valid digest. */
  public static String hex(String digest) {
    return require(digest).substring(SHA256.length());
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public static String of(byte[] bytes) {
    return format(newSha256().digest(bytes));
  }

  public static String format(byte[] sha256) {
    return SHA256 + HexFormat.of().formatHex(sha256);
  }

  /** The 12-character short form Docker prints ("dd87def3f456"), of an id with or without "sha256:". */
  public static String shortId(String id) {
    String hex = id.startsWith(SHA256) ? id.substring(SHA256.length()) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
