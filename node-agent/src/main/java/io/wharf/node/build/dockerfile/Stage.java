package io.wharf.node.build.dockerfile;

import java.util.List;

/**
 * One build stage: a FROM line and the instructions up to the next FROM.
 *
 * @param index position in the Dockerfile (0-based), what {@code COPY --from=0} refers to
 * @param name the AS name lower-cased, or null
 * @param from the raw image word of FROM, unexpanded (may contain {@code $ARG})
 * @param platform the {@code --platform} flag, unexpanded, or null
 * @param line the 1-based line of the FROM keyword
 * @param instructions the instructions after FROM (FROM itself is not included)
 */
public record Stage(int index, String name, String from, String platform, int line, List<Instruction> instructions) {
  public Stage {
    instructions = List.copyOf(instructions);
  }
}
