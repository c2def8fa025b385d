package io.wharf.node.build.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key/value pairs of ENV and LABEL arguments (as {@link DockerfileParser} leaves them): either
 * {@code key=value} words, each split at its first {@code =}, or the old two-element form
 * {@code [key, value]} whose value is the rest of the line. Keys and values are expanded with
 * {@link WordExpander} against {@code env} as it was before the instruction (so {@code ENV a=1 b=$a}
 * sees the old {@code a}, as in Docker); a later duplicate key wins but keeps its first position.
 */
public final class KeyValues {
  private KeyValues() {}

  /**
   * @throws DockerfileException for a blank key (keyword + " names can not be blank"), a word without
   *     {@code =} or a malformed substitution
   */
  public static LinkedHashMap<String, String> parse(List<String> args, Map<String, String> env, char escape)
      throws DockerfileException {
    return parse(args, env, escape, "ENV");
  }

  /** Like {@link #parse(List, Map, char)}; {@code keyword} (ENV or LABEL) names the instruction in errors. */
  public static LinkedHashMap<String, String> parse(List<String> args, Map<String, String> env, char escape,
      String keyword) throws DockerfileException {
    LinkedHashMap<String, String> pairs = new LinkedHashMap<>();
    if (args.isEmpty()) {
      return pairs;
    }
    try {
      if (!args.get(0).contains("=")) {
        String value = String.join(" ", args.subList(1, args.size()));
        put(pairs, args.get(0), value, env, escape, keyword);
        return pairs;
      }
      for (String word : args) {
        int eq = word.indexOf('=');
        if (eq < 0) {
          throw new DockerfileException("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
        }
        put(pairs, word.substring(0, eq), word.substring(eq + 1), env, escape, keyword);
      }
      return pairs;
    } catch (WordExpander.BadSubstitution e) {
      throw new DockerfileException(e.getMessage());
    }
  }

  private static void put(Map<String, String> pairs, String rawKey, String rawValue, Map<String, String> env,
      char escape, String keyword) throws DockerfileException {
    String key = WordExpander.expand(rawKey, env, escape);
    if (key.isEmpty()) {
      throw new DockerfileException(keyword + " names can not be blank");
    }
    pairs.put(key, WordExpander.expand(rawValue, env, escape));
  }
}
