package io.wharf.node.build.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a Dockerfile into stages, with the checks Docker's classic builder makes before running
 * anything: directives, syntax of every instruction, only ARG before the first FROM, FROM's shape
 * ({@code [--platform=p] image [AS name]}), valid and unique stage names. Pure: no I/O, no expansion.
 */
public final class DockerfileParser {
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

  private DockerfileParser() {}

  /** Parses a Dockerfile named "Dockerfile" (the name only appears in the empty-file message). */
  public static Dockerfile parse(String text) throws DockerfileException {
    return parse(text, "Dockerfile");
  }

  /**
   * @param name the Dockerfile's path as the user gave it, for "the Dockerfile (name) cannot be empty"
   * @throws DockerfileException with Docker's message and the line, e.g. "dockerfile parse error on
   *     line 3: unknown instruction: FORM"
   */
  public static Dockerfile parse(String text, String name) throws DockerfileException {
    if (text.isEmpty()) {
      throw new DockerfileException("the Dockerfile (" + name + ") cannot be empty");
    }
    LogicalLines lines = LogicalLines.read(text);
    InstructionParser parser = new InstructionParser(lines.escape());
    List<Instruction> instructions = new ArrayList<>();
    for (LogicalLines.Line line : lines.all()) {
      instructions.add(parser.parse(line));
    }
    if (instructions.isEmpty()) {
      throw new DockerfileException("file with no instructions");
    }
    return group(instructions, lines.escape());
  }

  private static Dockerfile group(List<Instruction> instructions, char escape) throws DockerfileException {
    List<Instruction> globalArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Instruction from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction i : instructions) {
      if (i.keyword().equals("FROM")) {
        if (from != null) {
          stages.add(stage(stages.size(), from, body, names));
        }
        from = i;
        body = new ArrayList<>();
      } else if (from != null) {
        body.add(i);
      } else if (i.keyword().equals("ARG")) {
        globalArgs.add(i);
      } else {
        throw new DockerfileException("no build stage in current context", i.line());
      }
    }
    if (from == null) {
      throw new DockerfileException("no build stage in current context", instructions.get(0).line());
    }
    stages.add(stage(stages.size(), from, body, names));
    return new Dockerfile(globalArgs, stages, escape);
  }

  private static Stage stage(int index, Instruction from, List<Instruction> body, Set<String> names)
      throws DockerfileException {
    List<String> args = from.args();
    boolean named = args.size() == 3 && args.get(1).equalsIgnoreCase("AS");
    if (args.size() != 1 && !named) {
      throw DockerfileException.atLine(from.line(), "FROM requires either one or three arguments");
    }
    String name = named ? args.get(2).toLowerCase(Locale.ROOT) : null;
    if (name != null && !STAGE_NAME.matcher(name).matches()) {
      throw DockerfileException.atLine(from.line(), "invalid name for build stage: \"" + args.get(2)
          + "\", name can't start with a number or contain symbols");
    }
    if (name != null && !names.add(name)) {
      throw new DockerfileException("duplicate name " + name, from.line());
    }
    return new Stage(index, name, args.get(0), from.flag("platform"), from.line(), body);
  }
}
