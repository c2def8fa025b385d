package io.wharf.node.build.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lexical pieces of an instruction line, with Docker's rules: leading {@code --flags}, JSON
 * string arrays, whitespace-separated words, quote-aware words (quotes and escapes kept, removed
 * later by {@link WordExpander}).
 */
final class ArgumentSplitter {
  static final Pattern WHITESPACE = Pattern.compile("[\t\u000B\f\r ]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ArgumentSplitter() {}

  /**
   * What follows the keyword: the flags (name -> value, "true" when written without a value), the
   * flag words as written without their "--" (for the checks), then the rest (trimmed).
   */
  record Flagged(Map<String, String> flags, List<String> written, String rest) {}

  /**
   * Leading words that start with {@code --}, up to the first other word; a lone {@code --} ends them.
   * {@code --name=value} maps name to value, {@code --name} to "true".
   */
  static Flagged flags(String afterKeyword, int line) throws DockerfileException {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> written = new ArrayList<>();
    String rest = afterKeyword.strip();
    while (rest.startsWith("--")) {
      String[] split = WHITESPACE.split(rest, 2);
      rest = split.length > 1 ? split[1].strip() : "";
      if (split[0].equals("--")) {
        break;
      }
      String word = split[0].substring(2);
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (name.isEmpty()) {
        throw DockerfileException.atLine(line, "Unknown flag: " + split[0]);
      }
      written.add(word);
      flags.put(name, eq < 0 ? "true" : unquote(word.substring(eq + 1)));
    }
    return new Flagged(flags, written, rest);
  }

  private static String unquote(String value) {
    boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
        || value.startsWith("'") && value.endsWith("'"));
    return quoted ? value.substring(1, value.length() - 1) : value;
  }

  /**
   * The elements when {@code rest} is a JSON array of strings, null when it is not JSON (shell form).
   * An array with a non-string element is an error, as in Docker.
   */
  static List<String> jsonArray(String rest, int line) throws DockerfileException {
    String trimmed = rest.stripLeading();
    if (!trimmed.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(trimmed);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw DockerfileException.atLine(line, "when using JSON array syntax, arrays must be comprised of strings only");
      }
      out.add(element.textValue());
    }
    return out;
  }

  /** Whitespace-separated words, no quote handling (FROM, EXPOSE, shell-form COPY/ADD/VOLUME). */
  static List<String> words(String rest) {
    return rest.isEmpty() ? List.of() : List.of(WHITESPACE.split(rest));
  }

  /**
   * Words separated by whitespace outside quotes (ENV, LABEL, ARG); quotes and escape characters stay
   * in the words.
   */
  static List<String> quotedWords(String rest, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == escape && quote != '\'') {
        if (i + 1 == rest.length()) {
          continue;
        }
        word.append(c);
        c = rest.charAt(++i);
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
      word.append(c);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
