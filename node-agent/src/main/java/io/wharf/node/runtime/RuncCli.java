package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runc command line with Wharf's private state root ({@code --root}), so nothing collides with
 * docker or podman on the same host. Every method blocks (it runs runc, ~30 ms or more each).
 * Failures become {@link WharfException} carrying runc's own error text.
 */
public final class RuncCli {
  static final long TIMEOUT_MS = 30_000;
  private static final Pattern MSG = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Path runc;
  private final Path root;

  public RuncCli(Path runcBinary, Path stateRoot) {
    this.runc = runcBinary;
    this.root = stateRoot;
  }

  public Path binary() {
    return runc;
  }

  public Path stateRoot() {
    return root;
  }

  /** Runs the container's process (after conmon's {@code runc create}). */
  public void start(String id) {
    check(id, "start", run("start", id));
  }

  /** Sends {@code signal} to the container's init process. */
  public void kill(String id, int signal) {
    HostCommand.Result r = run("kill", id, Integer.toString(signal));
    if (!r.ok() && r.stderr().contains("not running")) {
      return; // the process ended just now and its exit is on its way (dockerd ignores ESRCH too)
    }
    check(id, "kill", r);
  }

  /** Sends {@code signal} to every process of the container. */
  public void killAll(String id, int signal) {
    check(id, "kill", run("kill", "--all", id, Integer.toString(signal)));
  }

  /**
   * Deletes the container; {@code force} kills it first. A container runc does not know is fine:
   * when runc has no state directory for it ({@code <root>/<id>}) no runc process is started at
   * all (about 10 ms saved on each of the start, exit and remove paths that delete defensively).
   */
  public void delete(String id, boolean force) {
    if (!java.nio.file.Files.isDirectory(root.resolve(id))) {
      return;
    }
    HostCommand.Result r = force ? run("delete", "--force", id) : run("delete", id);
    if (!r.ok() && !isNotFound(r.stderr())) {
      check(id, "delete", r);
    }
  }

  public void pause(String id) {
    check(id, "pause", run("pause", id));
  }

  public void resume(String id) {
    check(id, "resume", run("resume", id));
  }

  /** {@code runc update <flags> <id>}: new resource limits for a running container. */
  public void update(String id, List<String> flags) {
    List<String> args = new ArrayList<>(List.of("update"));
    args.addAll(flags);
    args.add(id);
    check(id, "update", run(args.toArray(String[]::new)));
  }

  /** The container's runc status and init pid; empty when runc does not know the id. */
  public Optional<RuncState> state(String id) {
    HostCommand.Result r = run("state", id);
    if (!r.ok()) {
      if (isNotFound(r.stderr())) {
        return Optional.empty();
      }
      check(id, "state", r);
    }
    try {
      JsonNode n = Json.MAPPER.readTree(r.stdout());
      return Optional.of(new RuncState(n.path("status").asText(), n.path("pid").asInt()));
    } catch (IOException e) {
      throw WharfException.internal("runc state " + id + " printed malformed JSON: " + r.stdout(), e);
    }
  }

  private HostCommand.Result run(String... args) {
    List<String> cmd = new ArrayList<>(List.of(runc.toString(), "--root", root.toString()));
    cmd.addAll(List.of(args));
    return HostCommand.run(cmd, TIMEOUT_MS);
  }

  private static void check(String id, String op, HostCommand.Result r) {
    if (r.ok()) {
      return;
    }
    String msg = errorText(r.stderr());
    ErrorCategory category = isNotFound(r.stderr()) ? ErrorCategory.NOT_FOUND
        : msg.contains("not running") || msg.contains("stopped") || msg.contains("paused")
            ? ErrorCategory.FAILED_PRECONDITION : ErrorCategory.INTERNAL;
    throw new WharfException(category, "runc " + op + " " + id + " failed: " + msg);
  }

  static boolean isNotFound(String stderr) {
    return stderr.contains("does not exist") || stderr.contains("container not found");
  }

  /** runc's message: the {@code msg="..."} of its logrus line, or the whole trimmed stderr. */
  static String errorText(String stderr) {
    Matcher m = MSG.matcher(stderr);
    String last = null;
    while (m.find()) {
      last = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return last != null ? last : stderr.strip();
  }
}
