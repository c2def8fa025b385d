package io.wharf.node.build.dockerfile;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code filepath.Match} patterns, which COPY and ADD sources use: {@code *} any run of
 * characters except {@code /}, {@code ?} one such character, {@code [a-z]} / {@code [^a-z]} a class,
 * the escape {@code \} a literal. The whole path must match.
 */
final class FileGlob {
  private FileGlob() {}

  /** Whether the text has an unescaped {@code * ? [}, the test Docker uses to switch to matching. */
  static boolean hasWildcards(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** The pattern as a regex; a malformed one ({@code [a-}) throws DockerfileException ("syntax error in pattern"). */
  static Pattern compile(String glob) throws DockerfileException {
    try {
      return Pattern.compile(regex(glob, false), Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new DockerfileException("syntax error in pattern: " + glob);
    }
  }

  /**
   * The regex of a whole-path glob. With {@code ignoreRules} (.dockerignore) {@code **} also matches
   * across directories and {@code [!...]} negates a class as {@code [^...]} does.
   *
   * @throws PatternSyntaxException for an unterminated class
   */
  static String regex(String glob, boolean ignoreRules) {
    StringBuilder re = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else if (inClass) {
        inClass = c != ']';
        re.append(c == '[' ? "\\[" : String.valueOf(c));
      } else if (c == '[') {
        inClass = true;
        re.append('[');
        if (i + 1 < glob.length() && (glob.charAt(i + 1) == '^' || (ignoreRules && glob.charAt(i + 1) == '!'))) {
          re.append('^');
          i++;
        }
      } else if (ignoreRules && c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        i++;
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
          i++;
        }
        re.append(i + 1 == glob.length() ? ".*" : "(.*/)?");
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inClass) {
      throw new PatternSyntaxException("unterminated class", glob, glob.length());
    }
    return re.toString();
  }

}
