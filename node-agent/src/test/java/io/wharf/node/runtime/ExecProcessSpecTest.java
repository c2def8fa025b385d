package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.node.NodePaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecProcessSpecTest {
  static ObjectNode containerProcess() throws Exception {
    return (ObjectNode) Json.MAPPER.readTree("{\"terminal\":false,\"user\":{\"uid\":0,\"gid\":0},"
        + "\"args\":[\"sleep\",\"1\"],\"env\":[\"PATH=/bin\",\"HOSTNAME=h\",\"A=1\"],\"cwd\":\"/srv\","
        + "\"capabilities\":{\"bounding\":[\"CAP_KILL\"]},\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"hard\":9,\"soft\":9}]}");
  }

  @Test
  void keepsTheContainersProcessAndReplacesWhatTheExecSets() throws Exception {
    ObjectNode p = ExecProcessSpec.build(containerProcess(), new ExecSpec(List.of("ls", "-l"), List.of("A=2", "B=3"),
        new ResolvedUser(5, 6, List.of(7L)), "/tmp", true, true, List.of(24, 80)));
    assertEquals("[\"ls\",\"-l\"]", p.path("args").toString());
    assertEquals("[\"PATH=/bin\",\"HOSTNAME=h\",\"A=2\",\"TERM=xterm\",\"B=3\"]", p.path("env").toString());
    assertEquals("{\"uid\":5,\"gid\":6,\"additionalGids\":[7]}", p.path("user").toString());
    assertEquals("/tmp", p.path("cwd").asText());
    assertTrue(p.path("terminal").asBoolean());
    assertEquals("{\"height\":24,\"width\":80}", p.path("consoleSize").toString());
    assertEquals("[\"CAP_KILL\"]", p.at("/capabilities/bounding").toString());
    assertEquals(9, p.at("/rlimits/0/hard").asInt());
  }

  @Test
  void defaultsToTheContainersUserAndCwd() throws Exception {
    ObjectNode p = ExecProcessSpec.build(containerProcess(),
        new ExecSpec(List.of("true"), null, null, "", false, false, List.of(24, 80)));
    assertEquals("{\"uid\":0,\"gid\":0}", p.path("user").toString());
    assertEquals("/srv", p.path("cwd").asText());
    assertFalse(p.has("consoleSize"));
  }

  @Test
  void emptyCommandIsRejected() {
    assertThrows(WharfException.class, () -> ExecProcessSpec.build(containerProcess(),
        new ExecSpec(List.of(), null, null, null, false, false, null)));
  }

  @Test
  void conmonExecFlags() {
    NodePaths paths = new NodePaths(Path.of("/var/lib/wharf"), Path.of("/run/wharf"));
    ExecShim shim = new ExecShim(Path.of("/usr/bin/conmon"), new RuncCli(Path.of("/usr/sbin/runc"), paths.runcRoot()),
        paths);
    String cmd = String.join(" ", shim.command("c".repeat(64), "e".repeat(64),
        new ExecSpec(List.of("sh"), null, null, null, true, true, null)));
    for (String part : List.of("--exec --exec-process-spec /run/wharf/x/eeeeeeeeeeee/process.json",
        "-c " + "c".repeat(64), "-u " + "e".repeat(64), "-b /run/wharf/x/eeeeeeeeeeee",
        "--exit-dir /run/wharf/x/eeeeeeeeeeee", "--exec-attach -i -t", "--log-level info")) {
      assertTrue(cmd.contains(part), part + " in " + cmd);
    }
    assertFalse(cmd.contains("--leave-stdin-open"));
  }
}
