package io.wharf.node.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** conmon's exit files: the decimal exit code, written after stdio is drained. */
final class ExitFiles {
  private ExitFiles() {}

  /** The code in {@code file}; empty when the file is missing, empty or not a number. Blocks. */
  static Optional<Integer> read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
