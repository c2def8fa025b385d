package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablePathTest {
  @TempDir
  Path dir;

  @Test
  void findsTheFirstExecutableOnPath() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("tool"), "not executable");
    Path exe = Files.writeString(b.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    String path = ":" + a + ":" + b;
    assertEquals(exe.toString(), ExecutablePath.resolve("tool", path));
    assertEquals("missing", ExecutablePath.resolve("missing", path));
    assertEquals("./tool", ExecutablePath.resolve("./tool", path));
    assertEquals("tool", ExecutablePath.resolve("tool", null));
  }
}
