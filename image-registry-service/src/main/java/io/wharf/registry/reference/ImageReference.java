package io.wharf.registry.reference;

import io.wharf.api.WharfException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker image reference, normalized the way Docker does: {@code busybox},
 * {@code busybox:latest}, {@code library/busybox} and {@code docker.io/library/busybox:latest} all
 * name the same repository {@code docker.io/library/busybox}. Display ("familiar") forms drop
 * {@code docker.io/library/} and {@code docker.io/}.
 *
 * @param domain registry host[:port], "docker.io" when none was given
 * @param path repository path inside the registry, e.g. "library/busybox"
 * @param tag the tag, or null
 * @param digest "sha256:..." when the reference pins a digest, or null
 */
public record ImageReference(String domain, String path, String tag, String digest) {
  public static final String DEFAULT_DOMAIN = "docker.io";
  public static final String DEFAULT_TAG = "latest";
  private static final int NAME_MAX = 255;

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
      + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE = Pattern.compile("(" + DOMAIN + ")/(" + PATH_COMPONENT
      + "(?:/" + PATH_COMPONENT + ")*)(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern TAG_ONLY = Pattern.compile(TAG);
  private static final Pattern FULL_HEX_ID = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern ID_PREFIX = Pattern.compile("(?:sha256:)?[a-f0-9]{1,64}");

  /**
   * Parses and normalizes a reference. INVALID_ARGUMENT with Docker's wording when malformed:
   * "invalid reference format", "invalid reference format: repository name (library/BAD) must be lowercase" (dockerd 27's text).
   */
  public static ImageReference parse(String s) {
    if (s == null || s.isEmpty()) {
      throw WharfException.invalid("invalid reference format");
    }
    if (FULL_HEX_ID.matcher(s).matches()) {
      throw WharfException.invalid("invalid repository name (" + s
          + "), cannot specify 64-byte hexadecimal strings");
    }
    String domain = DEFAULT_DOMAIN;
    String remainder = s;
    int slash = s.indexOf('/');
    if (slash > 0) {
      String first = s.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.toLowerCase().equals(first)) {
        domain = first.equals("index.docker.io") ? DEFAULT_DOMAIN : first;
        remainder = s.substring(slash + 1);
      }
    }
    if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
      remainder = "library/" + remainder;
    }
    int colon = remainder.indexOf(':');
    String remoteName = colon >= 0 ? remainder.substring(0, colon) : remainder;
    if (!remoteName.toLowerCase().equals(remoteName)) {
      throw WharfException.invalid("invalid reference format: repository name (" + remoteName + ") must be lowercase");
    }
    Matcher m = REFERENCE.matcher(domain + "/" + remainder);
    if (!m.matches()) {
      throw WharfException.invalid("invalid reference format");
    }
    if (m.group(1).length() + 1 + m.group(2).length() > NAME_MAX) {
      throw WharfException.invalid("invalid reference format: repository name must not be more than "
          + NAME_MAX + " characters");
    }
    return new ImageReference(m.group(1), m.group(2), m.group(3), m.group(4));
  }

  /** The target of {@code docker tag}: repo as the CLI sends it plus a tag (null/empty = latest). */
  public static ImageReference tagTarget(String repo, String tag) {
    ImageReference name = parse(repo);
    if (name.tag() != null || name.digest() != null) {
      if (tag == null || tag.isEmpty()) {
        return name.requireTagged();
      }
      throw WharfException.invalid("invalid reference format");
    }
    String t = tag == null || tag.isEmpty() ? DEFAULT_TAG : tag;
    if (!TAG_ONLY.matcher(t).matches()) {
      throw WharfException.invalid("invalid tag format");
    }
    return new ImageReference(name.domain(), name.path(), t, null);
  }

  /** True when {@code s} can only be an image id or id prefix (hex, optionally "sha256:"). */
  public static boolean looksLikeId(String s) {
    return s != null && ID_PREFIX.matcher(s).matches();
  }

  /** The same reference with tag "latest" when it has neither tag nor digest. */
  public ImageReference withDefaultTag() {
    return tag == null && digest == null ? new ImageReference(domain, path, DEFAULT_TAG, null) : this;
  }

  private ImageReference requireTagged() {
    if (digest != null) {
      throw WharfException.invalid("refusing to create a tag with a digest reference");
    }
    return this;
  }

  /** "docker.io/library/busybox". */
  public String name() {
    return domain + "/" + path;
  }

  /** "busybox", "user/app", "127.0.0.1:5000/app". */
  public String familiarName() {
    if (!domain.equals(DEFAULT_DOMAIN)) {
      return name();
    }
    String rest = path;
    if (rest.startsWith("library/") && rest.indexOf('/', "library/".length()) < 0) {
      rest = rest.substring("library/".length());
    }
    return rest;
  }

  /** "busybox:latest", "app@sha256:...", as Docker prints references. */
  public String familiarString() {
    return familiarName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  /** "docker.io/library/busybox:latest". */
  public String canonicalString() {
    return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return familiarString();
  }
}
