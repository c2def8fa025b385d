package io.wharf.node.build.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modifier part of {@code ${name<modifier>}}, read after the name: {@code } } plain,
 * {@code -}/{@code :-} default, {@code +}/{@code :+} alternative, {@code ?}/{@code :?} required,
 * {@code #}/{@code ##} prefix and {@code %}/{@code %%} suffix removal (shortest/longest match of a
 * shell pattern with {@code *} and {@code ?}), {@code /}/{@code //} first/all replacement. The colon
 * forms treat an empty value as unset.
 */
final class Substitution {
  private final WordExpander lexer;
  private final String name;

  Substitution(WordExpander lexer, String name) {
    this.lexer = lexer;
    this.name = name;
  }

  String apply(char modifier) {
    String value = lexer.lookup(name);
    if (modifier == '}') {
      return value == null ? "" : value;
    }
    boolean emptyIsUnset = modifier == ':';
    String shown = emptyIsUnset ? ":" : "";
    if (emptyIsUnset) {
      modifier = lexer.peek('-') ? '-' : lexer.peek('+') ? '+' : lexer.peek('?') ? '?' : 0;
      if (modifier == 0) {
        throw new WordExpander.BadSubstitution("unsupported modifier (:) in substitution");
      }
    }
    boolean unset = value == null || emptyIsUnset && value.isEmpty();
    return switch (modifier) {
      case '-' -> unset ? lexer.wordUntil('}') : skip(value);
      case '+' -> unset ? skip("") : lexer.wordUntil('}');
      case '?' -> required(value, unset, emptyIsUnset);
      case '#', '%' -> trim(modifier, value == null ? "" : value);
      case '/' -> replace(value == null ? "" : value);
      default -> throw new WordExpander.BadSubstitution("unsupported modifier (" + shown + modifier + ") in substitution");
    };
  }

  /** Reads (and discards) the modifier's word, returning {@code result}. */
  private String skip(String result) {
    lexer.wordUntil('}');
    return result;
  }

  private String required(String value, boolean unset, boolean emptyIsUnset) {
    String message = lexer.wordUntil('}');
    if (!unset) {
      return value;
    }
    if (message.isEmpty()) {
      message = value == null ? "is not allowed to be unset" : "is not allowed to be empty";
    }
    throw new WordExpander.BadSubstitution(name + ": " + message);
  }

  private String trim(char modifier, String value) {
    boolean longest = lexer.peek(modifier);
    String pattern = lexer.wordUntil('}');
    if (modifier == '#') {
      Matcher m = regex(pattern, longest, "^").matcher(value);
      return m.find() ? value.substring(m.end()) : value;
    }
    // shortest suffix: the last position where the pattern matches to the end
    for (int start = longest ? 0 : value.length(); longest ? start <= value.length() : start >= 0;
        start += longest ? 1 : -1) {
      if (regex(pattern, true, "^").matcher(value.substring(start)).matches()) {
        return value.substring(0, start);
      }
    }
    return value;
  }

  private String replace(String value) {
    boolean all = lexer.peek('/');
    String pattern = lexer.wordUntil('/');
    String replacement = lexer.wordUntil('}');
    Matcher m = regex(pattern, true, "").matcher(value);
    String quoted = Matcher.quoteReplacement(replacement);
    return all ? m.replaceAll(quoted) : m.replaceFirst(quoted);
  }

  /** A shell pattern ({@code *} any string, {@code ?} one character, the rest literal) as a regex. */
  private static Pattern regex(String shellPattern, boolean greedy, String anchor) {
    StringBuilder re = new StringBuilder(anchor);
    StringBuilder literal = new StringBuilder();
    for (char c : shellPattern.toCharArray()) {
      if (c == '*' || c == '?') {
        re.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        re.append(c == '?' ? "." : greedy ? ".*" : ".*?");
      } else {
        literal.append(c);
      }
    }
    re.append(Pattern.quote(literal.toString()));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
