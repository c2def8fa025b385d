package io.wharf.node.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's shell-word processing of instruction arguments (ADD COPY ENV EXPOSE FROM LABEL STOPSIGNAL
 * USER VOLUME WORKDIR ONBUILD): {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}},
 * {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?msg}}, {@code ${VAR#pat}}/{@code ##},
 * {@code ${VAR%pat}}/{@code %%}, {@code ${VAR/pat/repl}}/{@code //}; single quotes literal, double
 * quotes expand {@code $} and let the escape character escape {@code " $} and itself; outside quotes
 * the escape character makes the next character literal. Unknown variables expand to "". RUN, CMD and
 * ENTRYPOINT are not processed (the shell does it).
 *
 * <p>A malformed substitution throws {@link BadSubstitution} (unchecked, so the contract's signatures
 * stay as they are) with Docker's message, e.g. {@code failed to process "${A": syntax error: missing '}'}.
 */
public final class WordExpander {
  /** A word Docker refuses to process; the message is Docker's. */
  public static final class BadSubstitution extends IllegalArgumentException {
    BadSubstitution(String message) {
      super(message);
    }
  }

  private final String input;
  private final Map<String, String> env;
  private final char escape;
  private int pos;

  private WordExpander(String input, Map<String, String> env, char escape) {
    this.input = input;
    this.env = env;
    this.escape = escape;
  }

  /** The word with quotes removed and variables expanded; whitespace is kept. */
  public static String expand(String word, Map<String, String> env, char escape) {
    return run(word, env, escape).text.toString();
  }

  /**
   * Each word expanded then split on whitespace outside quotes (also whitespace that came from a
   * variable's value), as EXPOSE and shell-form VOLUME need; empty results vanish.
   */
  public static List<String> expandWords(List<String> words, Map<String, String> env, char escape) {
    List<String> out = new ArrayList<>();
    for (String word : words) {
      out.addAll(run(word, env, escape).words.done());
    }
    return out;
  }

  private static WordExpander.Result run(String word, Map<String, String> env, char escape) {
    WordExpander lexer = new WordExpander(word, env, escape);
    try {
      return lexer.processUntil((char) 0);
    } catch (BadSubstitution e) {
      throw new BadSubstitution("failed to process \"" + word + "\": " + e.getMessage());
    }
  }

  /** The expanded text and, in parallel, the whitespace-split words. */
  private record Result(StringBuilder text, Words words) {}

  private Result processUntil(char stop) {
    Result r = new Result(new StringBuilder(), new Words());
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (stop != 0 && c == stop) {
        pos++;
        return r;
      }
      if (c == '$') {
        String value = dollar();
        r.text.append(value);
        r.words.addSplitting(value);
      } else if (c == '\'') {
        String quoted = singleQuoted();
        r.text.append(quoted);
        r.words.addRaw(quoted);
      } else if (c == '"') {
        String quoted = doubleQuoted();
        r.text.append(quoted);
        r.words.addRaw(quoted);
      } else {
        pos++;
        if (c == escape) {
          if (pos == input.length()) {
            break;
          }
          c = input.charAt(pos++);
          r.words.addRaw(String.valueOf(c));
        } else {
          r.words.addSplitting(String.valueOf(c));
        }
        r.text.append(c);
      }
    }
    if (stop != 0) {
      throw new BadSubstitution("unexpected end of statement while looking for matching " + stop);
    }
    return r;
  }

  private String singleQuoted() {
    int end = input.indexOf('\'', pos + 1);
    if (end < 0) {
      throw new BadSubstitution("unexpected end of statement while looking for matching single-quote");
    }
    String s = input.substring(pos + 1, end);
    pos = end + 1;
    return s;
  }

  private String doubleQuoted() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c == '$') {
        out.append(dollar());
        continue;
      }
      pos++;
      if (c == escape && pos < input.length()) {
        char n = input.charAt(pos);
        if (n == '"' || n == '$' || n == escape) {
          c = n;
          pos++;
        }
      } else if (c == escape) {
        continue;
      }
      out.append(c);
    }
    throw new BadSubstitution("unexpected end of statement while looking for matching double-quote");
  }

  /** At a {@code $}: the value it stands for. */
  private String dollar() {
    pos++;
    if (pos >= input.length() || input.charAt(pos) != '{') {
      String name = name();
      return name.isEmpty() ? "$" : env.getOrDefault(name, "");
    }
    pos++;
    if (pos >= input.length()) {
      throw new BadSubstitution("syntax error: missing '}'");
    }
    char first = input.charAt(pos);
    if (first == '{' || first == '}' || first == ':') {
      throw new BadSubstitution("syntax error: bad substitution");
    }
    String name = name();
    if (pos >= input.length()) {
      throw new BadSubstitution("syntax error: missing '}'");
    }
    return new Substitution(this, name).apply(input.charAt(pos++));
  }

  /** A variable name: letters, digits and _; or only digits; or one special parameter character. */
  private String name() {
    int start = pos;
    if (pos < input.length() && Character.isDigit(input.charAt(pos))) {
      while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
        pos++;
      }
      return input.substring(start, pos);
    }
    if (pos < input.length() && "@*#?-$!0".indexOf(input.charAt(pos)) >= 0) {
      return String.valueOf(input.charAt(pos++));
    }
    while (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
      pos++;
    }
    return input.substring(start, pos);
  }

  // Package-private hooks for Substitution, which reads the modifier's word with these rules.
  String wordUntil(char stop) {
    boolean atEnd = false;
    try {
      return processUntil(stop).text.toString();
    } catch (BadSubstitution e) {
      atEnd = pos >= input.length();
      if (atEnd) {
        throw new BadSubstitution(stop == '/' ? "syntax error: missing '/' in ${}" : "syntax error: missing '}'");
      }
      throw e;
    }
  }

  boolean peek(char c) {
    if (pos < input.length() && input.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  String lookup(String name) {
    return env.get(name);
  }
}
