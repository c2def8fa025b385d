package io.wharf.node.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one logical line into an {@link Instruction}: keyword (case-insensitive), flags checked
 * against the ones the keyword takes, arguments split by the keyword's rule and checked for count,
 * with Docker's error messages. Variables are not expanded here (the builder does that per step).
 */
final class InstructionParser {
  private static final Map<String, Set<String>> FLAGS = Map.ofEntries(
      Map.entry("FROM", Set.of("platform")),
      Map.entry("COPY", Set.of("from", "chown", "chmod", "link")),
      Map.entry("ADD", Set.of("chown", "chmod", "link", "checksum", "keep-git-dir")),
      Map.entry("HEALTHCHECK", Set.of("interval", "timeout", "start-period", "start-interval", "retries")));
  private static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV",
      "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL",
      "USER", "VOLUME", "WORKDIR");
  /** Flags written without a value mean true; all others need {@code =value}. */
  private static final Set<String> BOOLEAN_FLAGS = Set.of("link", "keep-git-dir");

  private final char escape;

  InstructionParser(char escape) {
    this.escape = escape;
  }

  Instruction parse(LogicalLines.Line line) throws DockerfileException {
    return parse(line.text(), line.number(), line.heredocs());
  }

  private Instruction parse(String text, int number, List<Heredoc> heredocs) throws DockerfileException {
    String[] split = ArgumentSplitter.WHITESPACE.split(text.strip(), 2);
    String keyword = split[0].toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(keyword)) {
      throw DockerfileException.atLine(number, "unknown instruction: " + keyword);
    }
    ArgumentSplitter.Flagged flagged = ArgumentSplitter.flags(split.length > 1 ? split[1] : "", number);
    checkFlags(keyword, flagged.flags(), flagged.written(), number);
    Map<String, String> flags = new java.util.LinkedHashMap<>(flagged.flags());
    flags.replaceAll((name, value) -> BOOLEAN_FLAGS.contains(name) ? value.toLowerCase(Locale.ROOT) : value);
    String rest = flagged.rest();
    List<String> json = jsonForm(keyword) ? ArgumentSplitter.jsonArray(rest, number) : null;
    List<String> args = json != null ? json : arguments(keyword, rest, number);
    checkCount(keyword, args, json != null, number);
    return new Instruction(keyword, text, args, flags, json != null, number, heredocs);
  }

  private static boolean jsonForm(String keyword) {
    return switch (keyword) {
      case "RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME" -> true;
      default -> false;
    };
  }

  private List<String> arguments(String keyword, String rest, int number) throws DockerfileException {
    return switch (keyword) {
      case "RUN", "CMD", "ENTRYPOINT", "SHELL", "USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER" ->
          rest.isEmpty() ? List.of() : List.of(rest);
      case "ENV", "LABEL" -> keyValueWords(keyword, rest, number);
      case "ARG" -> ArgumentSplitter.quotedWords(rest, escape);
      case "HEALTHCHECK" -> healthcheck(rest, number);
      case "ONBUILD" -> onbuild(rest, number);
      default -> ArgumentSplitter.words(rest);
    };
  }

  /** {@code key=value ...} words, or {@code [key, value]} for the old {@code ENV key value} form. */
  private List<String> keyValueWords(String keyword, String rest, int number) throws DockerfileException {
    List<String> words = ArgumentSplitter.quotedWords(rest, escape);
    if (words.isEmpty() || words.get(0).contains("=")) {
      for (String word : words) {
        if (!word.contains("=")) {
          throw DockerfileException.atLine(number, "Syntax error - can't find = in \"" + word
              + "\". Must be of the form: name=value");
        }
      }
      return words;
    }
    String[] oldForm = ArgumentSplitter.WHITESPACE.split(rest, 2);
    if (oldForm.length < 2) {
      throw DockerfileException.atLine(number, keyword + " must have two arguments");
    }
    return List.of(oldForm[0], oldForm[1]);
  }

  private List<String> healthcheck(String rest, int number) throws DockerfileException {
    if (rest.isEmpty()) {
      return List.of();
    }
    String[] split = ArgumentSplitter.WHITESPACE.split(rest, 2);
    String type = split[0].toUpperCase(Locale.ROOT);
    String command = split.length > 1 ? split[1].strip() : "";
    if (type.equals("NONE")) {
      if (!command.isEmpty()) {
        throw DockerfileException.atLine(number, "HEALTHCHECK NONE takes no arguments");
      }
      return List.of("NONE");
    }
    if (!type.equals("CMD")) {
      throw DockerfileException.atLine(number, "Unknown type \"" + split[0] + "\" in HEALTHCHECK (try CMD)");
    }
    if (command.isEmpty()) {
      throw DockerfileException.atLine(number, "Missing command after HEALTHCHECK CMD");
    }
    List<String> out = new ArrayList<>();
    out.add("CMD");
    List<String> json = ArgumentSplitter.jsonArray(command, number);
    out.addAll(json != null ? json : List.of(command));
    return out;
  }

  /** ONBUILD keeps its trigger as text; the trigger is parsed here only to reject a bad one now. */
  private List<String> onbuild(String rest, int number) throws DockerfileException {
    if (rest.isEmpty()) {
      return List.of();
    }
    Instruction trigger = parse(rest, number, List.of());
    switch (trigger.keyword()) {
      case "ONBUILD" -> throw DockerfileException.atLine(number, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      case "FROM", "MAINTAINER" ->
          throw DockerfileException.atLine(number, trigger.keyword() + " isn't allowed as an ONBUILD trigger");
      default -> { }
    }
    return List.of(rest);
  }

  /** Docker's BFlags rules: known names only, each once, a value where one is needed. */
  private static void checkFlags(String keyword, Map<String, String> flags, List<String> written, int number)
      throws DockerfileException {
    Set<String> allowed = FLAGS.getOrDefault(keyword, Set.of());
    Set<String> seen = new java.util.HashSet<>();
    for (String word : written) {
      String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
      if (keyword.equals("RUN")) {
        throw DockerfileException.atLine(number, "the --" + name
            + " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build"
            + " images with BuildKit enabled");
      }
      if (!allowed.contains(name)) {
        throw DockerfileException.atLine(number, "Unknown flag: " + name);
      }
      if (!seen.add(name)) {
        throw DockerfileException.atLine(number, "Duplicate flag specified: " + name);
      }
      boolean hasValue = word.contains("=");
      String value = flags.get(name);
      if (BOOLEAN_FLAGS.contains(name) ? hasValue && value.isEmpty() : !hasValue) {
        throw DockerfileException.atLine(number, "Missing a value on flag: " + name);
      }
      if (BOOLEAN_FLAGS.contains(name) && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw DockerfileException.atLine(number, "Expecting boolean value for flag " + name + ", not: " + value);
      }
    }
  }

  private static void checkCount(String keyword, List<String> args, boolean json, int number)
      throws DockerfileException {
    int n = args.size();
    String problem = switch (keyword) {
      case "COPY", "ADD" -> n < 2 ? keyword + " requires at least two arguments, but only one was provided."
          + " Destination could not be determined" : null;
      case "USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER" -> n != 1 ? keyword + " requires exactly one argument" : null;
      case "RUN", "ENV", "LABEL", "ARG", "EXPOSE", "VOLUME", "HEALTHCHECK", "ONBUILD" ->
          n == 0 ? keyword + " requires at least one argument" : null;
      case "SHELL" -> !json ? "SHELL requires the arguments to be in JSON form" : n == 0 ? "SHELL requires at least one argument" : null;
      default -> null;
    };
    if (problem == null && keyword.equals("VOLUME") && args.stream().anyMatch(String::isBlank)) {
      problem = "VOLUME specified can not be an empty string";
    }
    if (problem == null && keyword.equals("ARG") && args.stream().anyMatch(a -> a.startsWith("="))) {
      problem = "ARG names can not be blank";
    }
    if (problem != null) {
      throw DockerfileException.atLine(number, problem);
    }
  }
}
