package io.wharf.node.nativeio;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prerequisites of the privileged integration tests: root (and overlayfs for the snapshot tests). A
 * missing prerequisite fails the test when {@code CI=true} and skips it otherwise.
 */
public final class Privileged {
  private Privileged() {}

  public static void requireRoot() {
    require(isRoot(), "these tests need root");
  }

  public static void requireOverlay() {
    requireRoot();
    require(filesystemsInclude("overlay"), "these tests need overlayfs");
  }

  private static void require(boolean present, String why) {
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(why + " (CI=true, so a missing prerequisite is a failure)");
    }
    assumeTrue(present, why);
  }

  private static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean filesystemsInclude(String fs) {
    try {
      return Files.readAllLines(Path.of("/proc/filesystems")).stream().anyMatch(l -> l.endsWith("\t" + fs))
          || Files.isDirectory(Path.of("/sys/module/" + fs));
    } catch (IOException e) {
      return false;
    }
  }
}
