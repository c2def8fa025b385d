package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI process of an exec: the container's own {@code process} (capabilities, rlimits, env)
 * with the exec's command, env, user, cwd and terminal. Pure.
 */
final class ExecProcessSpec {
  private ExecProcessSpec() {}

  /** @throws WharfException INVALID_ARGUMENT when the command is empty */
  static ObjectNode build(ObjectNode containerProcess, ExecSpec exec) {
    if (exec.cmd() == null || exec.cmd().isEmpty()) {
      throw WharfException.invalid("No exec command specified");
    }
    ObjectNode p = containerProcess.deepCopy();
    p.put("terminal", exec.tty());
    p.remove("consoleSize");
    List<Integer> size = exec.consoleSize();
    if (exec.tty() && size != null && size.size() == 2 && size.get(0) > 0 && size.get(1) > 0) {
      p.putObject("consoleSize").put("height", size.get(0)).put("width", size.get(1));
    }
    ArrayNode args = p.putArray("args");
    exec.cmd().forEach(args::add);
    ArrayNode env = p.putArray("env");
    mergedEnv(containerProcess, exec).forEach(env::add);
    if (exec.workingDir() != null && !exec.workingDir().isEmpty()) {
      p.put("cwd", exec.workingDir());
    }
    if (exec.user() != null) {
      ObjectNode user = p.putObject("user");
      user.put("uid", exec.user().uid());
      user.put("gid", exec.user().gid());
      if (!exec.user().additionalGids().isEmpty()) {
        ArrayNode gids = user.putArray("additionalGids");
        exec.user().additionalGids().forEach(gids::add);
      }
    }
    if (exec.privileged()) {
      ObjectNode caps = p.putObject("capabilities");
      List<String> all = Capabilities.effective(true, List.of(), List.of(), HostLimits.ofThisProcess());
      for (String set : List.of("bounding", "effective", "permitted")) {
        ArrayNode a = caps.putArray(set);
        all.forEach(a::add);
      }
    }
    return p;
  }

  private static List<String> mergedEnv(ObjectNode containerProcess, ExecSpec exec) {
    Map<String, String> byKey = new LinkedHashMap<>();
    containerProcess.path("env").forEach(e -> put(byKey, e.asText()));
    if (exec.tty()) {
      put(byKey, "TERM=xterm");
    }
    if (exec.env() != null) {
      exec.env().forEach(e -> put(byKey, e));
    }
    return new ArrayList<>(byKey.values());
  }

  private static void put(Map<String, String> byKey, String entry) {
    int eq = entry.indexOf('=');
    byKey.put(eq >= 0 ? entry.substring(0, eq) : entry, entry);
  }
}
