package io.wharf.node.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file, matched as Docker's patternmatcher does. One pattern a line; blank
 * lines and lines starting with {@code #} are ignored; surrounding blanks trimmed; a leading
 * {@code !} makes an exception; patterns are cleaned ({@code ./a//b/} is {@code a/b}, a leading
 * {@code /} dropped). {@code *} matches within one path segment, {@code ?} one character,
 * {@code [a-z]} a class, {@code **} any number of segments (also none), the escape {@code \} a
 * literal. A pattern that matches a directory matches everything under it. The last matching pattern
 * decides.
 *
 * <p>The builder never hides the Dockerfile or this file from being <em>read</em>; whether they can be
 * copied into the image is decided by these rules like for any file ({@link BuildContext} handles it).
 */
public final class DockerIgnore {
  private record Rule(Pattern regex, boolean exception) {}

  private static final DockerIgnore NONE = new DockerIgnore(List.of());

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** Ignores nothing. */
  public static DockerIgnore none() {
    return NONE;
  }

  public static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exception = line.startsWith("!");
      String pattern = clean(exception ? line.substring(1).strip() : line);
      if (!pattern.isEmpty()) {
        rules.add(new Rule(compileOrLiteral(pattern), exception));
      }
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /** True when nothing is excluded by these rules (an empty or comment-only file). */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether {@code relPath} (relative to the context root, {@code /}-separated) is excluded. */
  public boolean excluded(String relPath) {
    String path = clean(relPath);
    if (path.isEmpty()) {
      return false;
    }
    boolean excluded = false;
    for (Rule rule : rules) {
      if (rule.exception() != excluded) {
        continue; // cannot change the outcome
      }
      if (matchesSelfOrParent(rule.regex(), path)) {
        excluded = !rule.exception();
      }
    }
    return excluded;
  }

  private static boolean matchesSelfOrParent(Pattern regex, String path) {
    if (regex.matcher(path).matches()) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (regex.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Go's filepath.Clean, then without a leading slash ("" for the root). */
  static String clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
        parts.remove(parts.size() - 1);
      } else if (!segment.equals("..") || !path.startsWith("/")) {
        parts.add(segment);
      }
    }
    return String.join("/", parts);
  }

  /** A malformed class ({@code [a-}) is taken literally rather than failing the whole build. */
  private static Pattern compileOrLiteral(String pattern) {
    try {
      return compile(pattern);
    } catch (java.util.regex.PatternSyntaxException e) {
      return Pattern.compile(Pattern.quote(pattern));
    }
  }

  private static Pattern compile(String pattern) {
    return Pattern.compile("^" + FileGlob.regex(pattern, true) + "$", Pattern.DOTALL);
  }
}
