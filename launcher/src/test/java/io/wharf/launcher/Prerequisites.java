package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** What the privileged ITs need from the host: missing under CI=true fails the test, elsewhere skips it. */
final class Prerequisites {
  private Prerequisites() {}

  static void require(boolean present, String why) {
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(why + " (CI=true, so a missing prerequisite is a failure)");
    }
    Assumptions.assumeTrue(present, why);
  }

  static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
