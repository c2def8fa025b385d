package io.wharf.gateway.exec;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.exec.ExecRequests;
import java.util.ArrayList;
import java.util.List;

/** Docker's exec JSON shapes to and from {@link ExecRequests}. Pure. */
public final class ExecJson {
  private ExecJson() {}

  /**
   * The body of {@code POST /containers/{id}/exec}.
   *
   * @throws WharfException INVALID_ARGUMENT for a missing body, bad JSON or an empty Cmd
   */
  public static ExecRequests.Create createRequest(String containerId, String body) {
    JsonObject b;
    try {
      b = body == null || body.isBlank() ? null : new JsonObject(body);
    } catch (RuntimeException e) {
      throw WharfException.invalid("invalid JSON: " + e.getMessage());
    }
    if (b == null) {
      throw WharfException.invalid("No exec command specified");
    }
    try {
      List<String> cmd = strings(b.getValue("Cmd"), "Cmd");
      if (cmd == null || cmd.isEmpty()) {
        throw WharfException.invalid("No exec command specified");
      }
      return new ExecRequests.Create(containerId, cmd, strings(b.getValue("Env"), "Env"), b.getString("User"),
          b.getString("WorkingDir"), bool(b, "Tty"), bool(b, "AttachStdin"), bool(b, "AttachStdout"),
          bool(b, "AttachStderr"), bool(b, "Privileged"), b.getString("DetachKeys"), consoleSize(b.getValue("ConsoleSize")));
    } catch (ClassCastException e) {
      throw WharfException.invalid("invalid exec config: " + e.getMessage());
    }
  }

  /** {@code GET /exec/{id}/json}. */
  public static JsonObject inspect(ExecRequests.Details d) {
    JsonObject process = new JsonObject().put("tty", d.tty()).put("entrypoint", d.entrypoint())
        .put("arguments", new JsonArray(new ArrayList<>(d.arguments()))).put("privileged", d.privileged());
    if (d.user() != null && !d.user().isEmpty()) {
      process.put("user", d.user());
    }
    return new JsonObject().put("ID", d.id()).put("Running", d.running())
        .put("ExitCode", d.exitCode()).put("ProcessConfig", process)
        .put("OpenStdin", d.openStdin()).put("OpenStderr", d.openStderr()).put("OpenStdout", d.openStdout())
        .put("CanRemove", false).put("ContainerID", d.containerId()).put("DetachKeys", d.detachKeys())
        .put("Pid", d.pid());
  }

  /** A string, a list of strings, or null; a bare string is one element (Docker's StrSlice). */
  private static List<String> strings(Object v, String field) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (!(v instanceof JsonArray a)) {
      throw WharfException.invalid(field + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) {
        throw WharfException.invalid(field + " must be a list of strings");
      }
      out.add(s);
    }
    return out;
  }

  private static boolean bool(JsonObject b, String key) {
    Object v = b.getValue(key);
    if (v != null && !(v instanceof Boolean)) {
      throw WharfException.invalid(key + " must be a boolean");
    }
    return Boolean.TRUE.equals(v);
  }

  private static List<Integer> consoleSize(Object v) {
    if (!(v instanceof JsonArray a) || a.size() != 2) {
      return null;
    }
    try {
      return List.of(a.getInteger(0), a.getInteger(1));
    } catch (RuntimeException e) {
      throw WharfException.invalid("ConsoleSize must be [height, width]");
    }
  }
}
