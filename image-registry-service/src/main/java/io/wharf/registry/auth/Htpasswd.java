package io.wharf.registry.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An htpasswd file with bcrypt entries ({@code user:$2y$...}, as {@code htpasswd -B} writes
 * them); other hash kinds are ignored, like Distribution does. Read once at start. Verification
 * is deliberately slow (bcrypt): call from a worker thread.
 */
public final class Htpasswd {
  private final Map<String, String> hashes;

  private Htpasswd(Map<String, String> hashes) {
    this.hashes = hashes;
  }

  public static Htpasswd load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read htpasswd file " + file, e);
    }
  }

  public static Htpasswd parse(String content) {
    Map<String, String> hashes = new HashMap<>();
    for (String line : content.split("\n")) {
      String l = line.strip();
      int colon = l.indexOf(':');
      if (l.isEmpty() || l.startsWith("#") || colon <= 0) {
        continue;
      }
      String hash = l.substring(colon + 1);
      if (hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$")) {
        hashes.put(l.substring(0, colon), hash);
      }
    }
    return new Htpasswd(Map.copyOf(hashes));
  }

  /** True when {@code user} exists and {@code password} matches its bcrypt hash. */
  public boolean verify(String user, String password) {
    String hash = hashes.get(user);
    if (hash == null || password == null) {
      return false;
    }
    return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
  }

  /** A bcrypt line for {@code user}, e.g. for tests and tooling (cost 10, $2y$). */
  public static String line(String user, String password) {
    return user + ":" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, password.toCharArray());
  }
}
