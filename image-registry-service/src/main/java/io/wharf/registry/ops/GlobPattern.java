package io.wharf.registry.ops;

import io.wharf.api.WharfException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code path.Match} glob, which Docker's {@code reference} filter uses: {@code *} is any run
 * of characters except '/', {@code ?} one such character, {@code [...]} a class ({@code [^...]}
 * or {@code [!...]} negated), backslash escapes.
 */
public final class GlobPattern {
  private final Pattern regex;

  private GlobPattern(Pattern regex) {
    this.regex = regex;
  }

  public static GlobPattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (++i >= glob.length()) {
            throw WharfException.invalid("syntax error in pattern " + glob);
          }
          re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        }
        case '[' -> i = appendClass(glob, i, re);
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return new GlobPattern(Pattern.compile(re.toString()));
    } catch (PatternSyntaxException e) {
      throw WharfException.invalid("syntax error in pattern " + glob);
    }
  }

  private static int appendClass(String glob, int start, StringBuilder re) {
    int end = glob.indexOf(']', start + 1);
    if (end < 0 || end == start + 1) {
      throw WharfException.invalid("syntax error in pattern " + glob);
    }
    String body = glob.substring(start + 1, end);
    boolean negated = body.startsWith("^") || body.startsWith("!");
    if (negated) {
      body = body.substring(1);
    }
    re.append('[').append(negated ? "^/" : "");
    for (char ch : body.toCharArray()) {
      re.append(ch == '-' ? "-" : Character.isLetterOrDigit(ch) ? String.valueOf(ch) : "\\" + ch);
    }
    re.append(']');
    return end;
  }

  public boolean matches(String s) {
    return regex.matcher(s).matches();
  }
}
