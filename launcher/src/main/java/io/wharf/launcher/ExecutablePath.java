package io.wharf.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a program name against PATH, the way a shell would, without running anything. */
final class ExecutablePath {
  private ExecutablePath() {}

  /**
   * @return the absolute path of the first executable {@code name} on PATH, {@code name} itself
   *     when it already contains a '/', or {@code name} unchanged when not found (the service that
   *     runs it reports the failure)
   */
  static String resolve(String name, String pathVariable) {
    if (name.contains("/") || pathVariable == null) {
      return name;
    }
    for (String dir : pathVariable.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath().toString();
      }
    }
    return name;
  }
}
