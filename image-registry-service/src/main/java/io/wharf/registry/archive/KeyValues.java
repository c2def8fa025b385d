package io.wharf.registry.archive;

import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of Dockerfile ENV and LABEL: {@code k=v k2="v 2"} pairs (quotes and backslash
 * escapes as in a Dockerfile), or the legacy form {@code key the rest is the value}.
 */
final class KeyValues {
  private KeyValues() {}

  static Map<String, String> parse(String keyword, String rest) {
    List<String> words = split(rest);
    if (words.isEmpty()) {
      throw WharfException.invalid(keyword.toUpperCase(Locale.ROOT) + " requires at least one argument");
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (!words.get(0).contains("=")) {
      String value = rest.substring(rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ')).strip();
      if (value.isEmpty()) {
        throw WharfException.invalid(keyword.toUpperCase(Locale.ROOT) + " must have two arguments");
      }
      out.put(unquote(words.get(0)), unquote(value));
      return out;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw WharfException.invalid("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
      }
      out.put(unquote(w.substring(0, eq)), unquote(w.substring(eq + 1)));
    }
    return out;
  }

  /** Splits on unquoted whitespace, keeping quotes (removed later by {@link #unquote}). */
  static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length() && quote != '\'') {
        cur.append(ch).append(s.charAt(++i));
      } else if (quote != 0) {
        quote = ch == quote ? 0 : quote;
        cur.append(ch);
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
        cur.append(ch);
      } else if (Character.isWhitespace(ch)) {
        if (cur.length() > 0) {
          words.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(ch);
      }
    }
    if (quote != 0) {
      throw WharfException.invalid("unexpected end of statement while looking for matching " + quote);
    }
    if (cur.length() > 0) {
      words.add(cur.toString());
    }
    return words;
  }

  /** Removes quotes and backslash escapes: {@code "a b"} -&gt; a b, {@code a\ b} -&gt; a b. */
  static String unquote(String s) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length() && quote != '\'') {
        out.append(s.charAt(++i));
      } else if (quote != 0 && ch == quote) {
        quote = 0;
      } else if (quote == 0 && (ch == '"' || ch == '\'')) {
        quote = ch;
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
