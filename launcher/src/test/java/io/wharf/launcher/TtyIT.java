package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker run -it} in a real pty: the docker CLI runs inside a detached tmux session of a
 * known size (a private tmux server whose socket is in the scratch dir, {@code -S}); keys go in with send-keys and the screen comes
 * back with capture-pane. Checks the prompt, the window size, echo, the exit code, and detaching
 * with ctrl-p ctrl-q then attaching again.
 */
class TtyIT {
  private static final Path TMUX = Path.of("/usr/bin/tmux");
  private static final Duration SCREEN_WAIT = Duration.ofSeconds(60);
  private static WharfNode node;
  private final String server = "wharf-tty-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;

  @BeforeAll
  static void startDaemon() throws Exception {
    boolean present = Files.isExecutable(TMUX);
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(present, "tmux is missing (scripts/install-deps.sh --test installs it)");
    }
    Assumptions.assumeTrue(present, "tmux is missing");
    node = WharfNode.start("tty-it-");
    node.loadBusybox();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void killTmuxServer() throws Exception {
    tmux("kill-server"); // only our private server (-S); fails harmlessly when already gone
  }

  @Test
  void interactiveShellInAPty() throws Exception {
    newSession("it", 120, 40, "docker run -it --rm busybox sh; echo EXIT=$?; sleep 600");
    awaitScreen("it", "the prompt", s -> s.contains("/ #"));
    sendLine("it", "stty size");
    awaitScreen("it", "stty size", s -> s.contains("stty size\n40 120\n"));
    sendLine("it", "echo typed-$((6*7))");
    awaitScreen("it", "the echoed command and its output", s -> s.contains("echo typed-$((6*7))\ntyped-42\n"));
    sendLine("it", "exit 7");
    awaitScreen("it", "docker's exit status", s -> s.contains("EXIT=7"));
  }

  @Test
  void detachKeysLeaveItRunningAndAttachWorksAgain() throws Exception {
    String name = "detach-" + ProcessHandle.current().pid();
    newSession("run", 120, 40, "docker run -it --name " + name + " busybox sh; echo EXIT=$?; sleep 600");
    awaitScreen("run", "the prompt", s -> s.contains("/ #"));
    sendLine("run", "echo before-detach");
    awaitScreen("run", "echo", s -> s.contains("\nbefore-detach\n"));
    tmux("send-keys", "-t", "run", "C-p", "C-q");
    awaitScreen("run", "docker run to return after ctrl-p ctrl-q", s -> s.contains("EXIT=0"));
    assertEquals("running", node.docker.ok("inspect", "-f", "{{.State.Status}}", name).out().strip());

    newSession("att", 100, 30, "docker attach " + name + "; echo EXIT=$?; sleep 600");
    awaitAttached("att");
    sendLine("att", "stty size; echo after-attach");
    awaitScreen("att", "the re-attached shell", s -> s.contains("30 100\nafter-attach\n"));
    sendLine("att", "exit 5");
    awaitScreen("att", "docker attach's exit status", s -> s.contains("EXIT=5"));
    assertEquals("exited 5", node.docker.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name)
        .out().strip());
    node.docker.ok("rm", name);
  }

  @Test
  void execDetachKeysLeaveTheExecRunning() throws Exception {
    String name = "execdetach-" + ProcessHandle.current().pid();
    node.docker.ok("run", "-d", "--name", name, "busybox", "sleep", "1000");
    newSession("ex", 120, 40, "docker exec -it --detach-keys=ctrl-x,x " + name + " sh; echo EXIT=$?; sleep 600");
    awaitScreen("ex", "the exec's prompt", s -> s.contains("/ #"));
    sendLine("ex", "echo $$ > /tmp/exec.pid; echo in-exec");
    awaitScreen("ex", "echo", s -> s.contains("\nin-exec\n"));
    tmux("send-keys", "-t", "ex", "C-x", "x");
    awaitScreen("ex", "docker exec to return after ctrl-x x", s -> s.contains("EXIT="));
    assertEquals("alive", node.docker.ok("exec", name, "sh", "-c", "kill -0 $(cat /tmp/exec.pid) && echo alive")
        .out().strip(), "the detached exec keeps running");

    newSession("ex2", 120, 40, "docker exec -it " + name + " sh; echo EXIT=$?; sleep 600");
    awaitScreen("ex2", "the exec's prompt", s -> s.contains("/ #"));
    tmux("send-keys", "-t", "ex2", "C-p", "C-q");
    awaitScreen("ex2", "docker exec to return after the default ctrl-p ctrl-q", s -> s.contains("EXIT="));
    node.docker.ok("rm", "-f", name);
  }

  /**
   * The shell prints nothing on attach; Enter until a prompt shows proves stdin is streamed (the
   * CLI sends its resizes before it streams).
   */
  private void awaitAttached(String session) throws Exception {
    long deadline = DaemonProcess.deadline(SCREEN_WAIT);
    while (!tmux("capture-pane", "-p", "-t", session).contains("/ #")) { // capture-pane trims the trailing space
      if (System.nanoTime() > deadline) {
        fail("docker attach never showed a prompt\n--- daemon log:\n" + node.log());
      }
      tmuxOk("send-keys", "-t", session, "Enter");
      Thread.sleep(500);
    }
  }

  private void newSession(String session, int width, int height, String shellCommand) throws Exception {
    tmuxOk("new-session", "-d", "-s", session, "-x", Integer.toString(width), "-y", Integer.toString(height),
        "-e", "DOCKER_HOST=" + node.docker.dockerHost(),
        "-e", "DOCKER_CONFIG=" + node.dir.resolve("cli/config"),
        "PATH=/usr/local/bin:/usr/bin:/bin; " + shellCommand);
  }

  private void sendLine(String session, String line) throws Exception {
    tmuxOk("send-keys", "-t", session, "-l", line);
    tmuxOk("send-keys", "-t", session, "Enter");
  }

  private void awaitScreen(String session, String what, Predicate<String> done) throws Exception {
    long deadline = DaemonProcess.deadline(SCREEN_WAIT);
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = tmux("capture-pane", "-p", "-J", "-t", session);
      if (done.test(screen)) {
        return;
      }
      Thread.sleep(150);
    }
    fail("timed out waiting for " + what + " in tmux session " + session + "; screen:\n" + screen
        + "\n--- daemon log:\n" + node.log());
  }

  private void tmuxOk(String... args) throws Exception {
    List<String> command = tmuxCommand(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "tmux " + String.join(" ", args) + ": " + out);
  }

  /** Runs tmux on our private server; returns its stdout. */
  private String tmux(String... args) throws Exception {
    List<String> command = tmuxCommand(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /** tmux on our own server, its socket in the scratch dir (removed with it). */
  private List<String> tmuxCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(TMUX.toString(), "-S", node.dir.resolve(server).toString()));
    command.addAll(List.of(args));
    return command;
  }
}
