package io.wharf.node.build.dockerfile;

import java.util.List;

/**
 * A parsed Dockerfile.
 *
 * @param globalArgs the ARG lines before the first FROM; only they are visible in FROM lines
 * @param stages the build stages in file order (never empty)
 * @param escape the escape character ({@code # escape=} directive, default backslash), which
 *     {@link WordExpander} and {@link KeyValues} need (added to the contract; the two-list
 *     constructor keeps the default)
 */
public record Dockerfile(List<Instruction> globalArgs, List<Stage> stages, char escape) {
  public static final char DEFAULT_ESCAPE = '\\';

  public Dockerfile {
    globalArgs = List.copyOf(globalArgs);
    stages = List.copyOf(stages);
  }

  public Dockerfile(List<Instruction> globalArgs, List<Stage> stages) {
    this(globalArgs, stages, DEFAULT_ESCAPE);
  }

  /** The stage a {@code --from=} or {@code --target} names: its AS name (any case) or its index; null if none. */
  public Stage stage(String nameOrIndex) {
    String wanted = nameOrIndex.toLowerCase(java.util.Locale.ROOT);
    for (Stage s : stages) {
      if (wanted.equals(s.name())) {
        return s;
      }
    }
    if (wanted.matches("[0-9]{1,9}")) {
      int index = Integer.parseInt(wanted);
      return index < stages.size() ? stages.get(index) : null;
    }
    return null;
  }
}
