package io.wharf.node.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecLeftoversTest {
  private static final Path DIR = Path.of("/run/w/x/abc");

  @Test
  void recognisesOnlyTheExecConmonOfThatDir() {
    assertTrue(ExecLeftovers.isExecConmon(List.of("/usr/bin/conmon", "--exec", "-b", "/run/w/x/abc"), DIR));
    assertFalse(ExecLeftovers.isExecConmon(List.of("/usr/bin/conmon", "--exec", "-b", "/run/w/x/abcd"), DIR));
    assertFalse(ExecLeftovers.isExecConmon(List.of("/usr/bin/conmon", "-b", "/run/w/x/abc"), DIR), "container shim");
    assertFalse(ExecLeftovers.isExecConmon(List.of("/bin/sh", "-c", "x", "conmon", "--exec", "-b", "/run/w/x/abc"), DIR));
    assertFalse(ExecLeftovers.isExecConmon(List.of("/usr/bin/conmon", "--exec", "-b"), DIR), "no value");
    assertFalse(ExecLeftovers.isExecConmon(List.of(), DIR));
  }

  @Test
  void removesDirsWithoutALiveConmon(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("a"));
    Files.writeString(root.resolve("a/exit"), "0");
    Files.createDirectories(root.resolve("b"));
    assertEquals(2, ExecLeftovers.clean(root));
    assertEquals(0, ExecLeftovers.clean(root));
    assertEquals(0, ExecLeftovers.clean(root.resolve("missing")));
    try (var left = Files.list(root)) {
      assertEquals(0, left.count());
    }
  }
}
