package io.wharf.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Ids of the built-in networks: sha256 of a fixed string, so every member computes the same id. */
final class BuiltinIds {
  private BuiltinIds() {}

  static String of(String name) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(("wharf-builtin-network:" + name).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
