package io.wharf.registry.distribution;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Repository names and tags as the distribution-spec defines them, and the mapping between
 * Docker's familiar tag names and /v2 repositories ("one store, two faces"):
 * <ul>
 *   <li>Docker {@code busybox:latest} (= docker.io/library/busybox) is repository {@code busybox};
 *       {@code user/app:1} (docker.io/user/app) is {@code user/app};</li>
 *   <li>a name whose host is this registry ({@code localhost:5000/app:1},
 *       {@code 127.0.0.1:5000/app:1}, any of the configured self names) is repository {@code app};</li>
 *   <li>another host without a port ({@code quay.io/x/y:1}) is repository {@code quay.io/x/y};
 *       a host with another port has no /v2 face (not a valid repository name).</li>
 * </ul>
 * The reverse: repository {@code app} tag {@code 1} is Docker's {@code app:1}.
 */
public final class RepositoryName {
  private RepositoryName() {}

  /** Distribution caps names at 255 characters (the spec only requires clients to stay under it). */
  public static final int MAX_LENGTH = 255;
  private static final Pattern NAME = Pattern.compile(
      "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  public static boolean isValid(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  /** NAME_INVALID unless {@code name} is a valid repository name. */
  public static String require(String name) {
    if (!isValid(name)) {
      throw DistributionException.of(OciErrorCode.NAME_INVALID, "invalid repository name \"" + truncate(name) + "\"");
    }
    return name;
  }

  public static boolean isValidTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /** TAG_INVALID unless {@code tag} is a valid tag. */
  public static String requireTag(String tag) {
    if (!isValidTag(tag)) {
      throw DistributionException.of(OciErrorCode.TAG_INVALID, "invalid tag \"" + truncate(tag) + "\"");
    }
    return tag;
  }

  /** A repository and tag of the /v2 face. */
  public record RepoTag(String repository, String tag) {
    /** Docker's familiar form of this tag: "app:1". */
    public String familiar() {
      return repository + ":" + tag;
    }
  }

  /**
   * The /v2 repository and tag of Docker's familiar tag ({@code "busybox:latest"},
   * {@code "localhost:5000/app:1"}), or empty when it has no /v2 face.
   *
   * @param selfNames host[:port] names of this registry, stripped from the front
   */
  public static Optional<RepoTag> fromFamiliar(String familiarTag, List<String> selfNames) {
    int colon = familiarTag.lastIndexOf(':');
    if (colon <= 0 || familiarTag.indexOf('/', colon) >= 0) {
      return Optional.empty();
    }
    String name = familiarTag.substring(0, colon);
    String tag = familiarTag.substring(colon + 1);
    for (String self : selfNames) {
      if (name.startsWith(self + "/")) {
        name = name.substring(self.length() + 1);
        break;
      }
    }
    if (name.startsWith("docker.io/library/")) {
      name = name.substring("docker.io/library/".length());
    } else if (name.startsWith("docker.io/")) {
      name = name.substring("docker.io/".length());
    }
    return isValid(name) && isValidTag(tag) ? Optional.of(new RepoTag(name, tag)) : Optional.empty();
  }

  private static String truncate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
