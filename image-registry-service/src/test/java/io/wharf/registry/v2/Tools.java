package io.wharf.registry.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Running real client tools (skopeo, podman) from the ITs. */
final class Tools {
  private Tools() {}

  /** Skips the test when {@code tool} is not on the PATH; fails it instead when CI=true. */
  static void require(String tool) throws Exception {
    boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is not installed");
    }
    Assumptions.assumeTrue(present, tool + " is not installed");
  }

  /** Runs {@code cmd}, asserts exit 0, returns stdout and stderr. */
  static String run(List<String> cmd) throws Exception {
    Result r = exec(cmd);
    assertEquals(0, r.exit(), () -> String.join(" ", cmd) + ":\n" + r.output());
    return r.output();
  }

  static String run(String... cmd) throws Exception {
    return run(List.of(cmd));
  }

  /** Runs {@code cmd}, asserts it fails, returns its output. */
  static String fails(String... cmd) throws Exception {
    Result r = exec(List.of(cmd));
    assertNotEquals(0, r.exit(), () -> String.join(" ", cmd) + " should have failed:\n" + r.output());
    return r.output();
  }

  static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private record Result(int exit, String output) {}

  private static Result exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
    return new Result(p.exitValue(), out);
  }
}
