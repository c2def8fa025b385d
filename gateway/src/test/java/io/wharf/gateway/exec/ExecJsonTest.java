package io.wharf.gateway.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.exec.ExecRequests;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecJsonTest {
  @Test
  void readsTheClisBody() {
    ExecRequests.Create c = ExecJson.createRequest("cid", "{\"User\":\"1000\",\"Privileged\":true,\"Tty\":true,"
        + "\"AttachStdin\":true,\"AttachStderr\":true,\"AttachStdout\":true,\"Detach\":false,\"DetachKeys\":\"\","
        + "\"Env\":[\"FOO=bar\"],\"WorkingDir\":\"/tmp\",\"Cmd\":[\"sh\",\"-c\",\"echo hi\"],\"ConsoleSize\":[40,120]}");
    assertEquals(List.of("sh", "-c", "echo hi"), c.cmd());
    assertEquals(List.of("FOO=bar"), c.env());
    assertEquals("1000", c.user());
    assertEquals("/tmp", c.workingDir());
    assertTrue(c.tty() && c.attachStdin() && c.privileged());
    assertEquals(List.of(40, 120), c.consoleSize());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{}", "{\"Cmd\":[]}", "{\"Cmd\":null}"})
  void anEmptyCommandIsRefusedWithDockersMessage(String body) {
    WharfException e = assertThrows(WharfException.class, () -> ExecJson.createRequest("cid", body));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("No exec command specified", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"Cmd\":", "{\"Cmd\":[1]}", "{\"Cmd\":[\"ls\"],\"Tty\":\"yes\"}", "[1]"})
  void malformedBodiesAreBadRequests(String body) {
    WharfException e = assertThrows(WharfException.class, () -> ExecJson.createRequest("cid", body));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @Test
  void inspectHasDockersShape() {
    JsonObject j = ExecJson.inspect(new ExecRequests.Details("e", "c", false, 5, 123, false, "sh", List.of("-c", "x"),
        false, "", false, true, true, ""));
    assertEquals(5, j.getInteger("ExitCode"));
    assertFalse(j.getBoolean("Running"));
    assertEquals("sh", j.getJsonObject("ProcessConfig").getString("entrypoint"));
    assertFalse(j.getJsonObject("ProcessConfig").containsKey("user"));
    assertEquals("c", j.getString("ContainerID"));
    assertEquals(123, j.getInteger("Pid"));
  }
}
