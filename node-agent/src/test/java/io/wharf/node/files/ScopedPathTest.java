package io.wharf.node.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopedPathTest {
  @TempDir Path dir;
  Path root;
  ScopedPath scope;

  /**
   * root/etc/passwd, root/tmp/{abs -> /etc, rel -> ../etc, up -> ../../../../../etc,
   * loop -> loop, dirlink -> /tmp/real/}, root/tmp/real/f; outside the root dir/etc/passwd.
   */
  @BeforeEach
  void tree() throws Exception {
    root = Files.createDirectories(dir.resolve("rootfs"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "inside");
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/passwd"), "outside");
    Path tmp = Files.createDirectories(root.resolve("tmp/real"));
    Files.writeString(tmp.resolve("f"), "f");
    Files.createSymbolicLink(root.resolve("tmp/abs"), Path.of("/etc"));
    Files.createSymbolicLink(root.resolve("tmp/rel"), Path.of("../etc"));
    Files.createSymbolicLink(root.resolve("tmp/up"), Path.of("../../../../../etc"));
    Files.createSymbolicLink(root.resolve("tmp/loop"), Path.of("loop"));
    Files.createSymbolicLink(root.resolve("tmp/dirlink"), Path.of("/tmp/real/"));
    scope = new ScopedPath(root);
  }

  @ParameterizedTest
  @CsvSource({
      "/tmp/x,           /tmp/x",
      "tmp/x,            /tmp/x",
      "/tmp/,            /tmp/",
      "/tmp/.,           /tmp/.",
      "/tmp/./x/../y,    /tmp/y",
      "//tmp//x,         /tmp/x",
      "/,                /",
      "/tmp/..,          /",
  })
  void absoluteCleansAndKeepsTrailingSlashOrDot(String in, String out) {
    assertEquals(out, ScopedPath.absolute(in));
  }

  @ParameterizedTest
  @CsvSource({"/..", "/../etc/passwd", "/tmp/../../etc", "../x"})
  void absoluteRefusesClimbingAboveRoot(String in) {
    WharfException e = assertThrows(WharfException.class, () -> ScopedPath.absolute(in));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @ParameterizedTest
  @CsvSource({
      "/tmp/abs/passwd,     etc/passwd",
      "/tmp/rel/passwd,     etc/passwd",
      "/tmp/up/passwd,      etc/passwd",
      "/tmp/dirlink/f,      tmp/real/f",
      "/tmp/dirlink,        tmp/real",
      "/tmp/missing/x,      tmp/missing/x",
      "/,                   ''",
  })
  void resolveAllFollowsLinksInsideTheRoot(String in, String expected) {
    assertEquals(root.resolve(expected), scope.resolveAll(in));
  }

  @ParameterizedTest
  @CsvSource({
      "/tmp/abs,            tmp/abs",
      "/tmp/up,             tmp/up",
      "/tmp/abs/,           etc",
      "/tmp/dirlink/.,      tmp/real",
      "/tmp/abs/passwd,     etc/passwd",
  })
  void resolveParentKeepsTheFinalLinkUnlessASlashFollows(String in, String expected) {
    assertEquals(root.resolve(expected), scope.resolveParent(ScopedPath.absolute(in)));
  }

  @ParameterizedTest
  @CsvSource({"/tmp/loop", "/tmp/loop/x"})
  void symlinkLoopsAreRefused(String in) {
    WharfException e = assertThrows(WharfException.class, () -> scope.resolveAll(in));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @ParameterizedTest
  @CsvSource({"/tmp/x, x", "/tmp/, tmp", "/tmp/., .", "/, /"})
  void baseNameIsGoFilepathBase(String in, String base) {
    assertEquals(base, ScopedPath.baseName(in));
  }
}
