package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.node.NodePaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConmonShimTest {
  static final NodePaths PATHS = new NodePaths(Path.of("/var/lib/wharf"), Path.of("/run/wharf"));
  static final ConmonShim SHIM = new ConmonShim(Path.of("/usr/bin/conmon"),
      new RuncCli(Path.of("/usr/sbin/runc"), PATHS.runcRoot()), PATHS);
  static final String ID = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

  @ParameterizedTest
  @CsvSource({
      "false,false,false,''",
      "false,true,true,-i",
      "false,true,false,-i --leave-stdin-open",
      "true,false,false,-t",
      "true,true,true,-i --leave-stdin-open -t",
      "true,true,false,-i --leave-stdin-open -t"})
  void stdinFlagsFollowDockersStdinOnce(boolean tty, boolean openStdin, boolean stdinOnce, String flags) {
    List<String> cmd = SHIM.command(ID, PATHS.bundle(ID), tty, openStdin, stdinOnce);
    List<String> stdio = cmd.stream().filter(a -> a.equals("-i") || a.equals("-t") || a.equals("--leave-stdin-open"))
        .toList();
    assertEquals(flags, String.join(" ", stdio));
  }

  @Test
  void commandFollowsTheMeasuredRecipe() {
    String cmd = String.join(" ", SHIM.command(ID, PATHS.bundle(ID), false, false, false));
    assertTrue(cmd.startsWith("/bin/sh -c exec \"$0\" \"$@\" 3>\"$AGENT_SYNC_FILE\" /usr/bin/conmon --api-version 1 -c " + ID),
        cmd);
    for (String part : List.of("-r /usr/sbin/runc", "-b /run/wharf/c/abcdef012345", "--exit-dir /run/wharf/exits",
        "--persist-dir /run/wharf/c/abcdef012345", "--full-attach",
        "-l k8s-file:/var/lib/wharf/containers/" + ID + "/ctr.log", "--log-level info",
        "--conmon-pidfile /run/wharf/c/abcdef012345/conmon.pid", "--runtime-arg --root --runtime-arg /run/wharf/runc",
        "--runtime-arg --log-format=json", "--runtime-arg --log --runtime-arg /run/wharf/c/abcdef012345/runc.log")) {
      assertTrue(cmd.contains(part), part);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "runc create failed: unable to start container process: exec: \"/x\": stat /x: no such file or directory|INVALID_ARGUMENT",
      "exec: \"foo\": executable file not found in $PATH|INVALID_ARGUMENT",
      "exec /etc/passwd: permission denied|INVALID_ARGUMENT",
      "error setting rlimit type 7: operation not permitted|INTERNAL"})
  void createFailuresAreCategorizedLikeDocker(String message, ErrorCategory category) {
    assertEquals(category, ConmonShim.categoryOf(message));
  }

  @Test
  void runcErrorTextIsExtracted() {
    assertEquals("container \"x\" does not exist",
        RuncCli.errorText("time=\"2026-11-27T17:00:00Z\" level=error msg=\"container \\\"x\\\" does not exist\"\n"));
    assertEquals("plain failure", RuncCli.errorText("  plain failure\n"));
    assertEquals("cannot start", RuncLog.lastError(
        "{\"level\":\"warning\",\"msg\":\"w\"}\n{\"level\":\"error\",\"msg\":\"cannot start\"}\ntorn{"));
  }
}
