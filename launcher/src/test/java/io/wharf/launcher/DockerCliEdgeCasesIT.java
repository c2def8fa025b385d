package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.DockerCliRunner.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's bad input and known rough edges, with the real docker CLI against one real
 * {@code wharf daemon} JVM: messages and exit codes as a Docker user sees them.
 */
class DockerCliEdgeCasesIT {
  private static WharfNode node;
  private static DockerCliRunner docker;
  private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

  @BeforeAll
  static void startDaemon() throws Exception {
    node = WharfNode.start("edge-it-");
    docker = node.docker;
    node.loadBusybox();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static void assertContains(Result r, String text) {
    assertTrue((r.out() + r.err()).contains(text), "expected '" + text + "' in\n" + r.describe());
  }

  // ---- bad input, as a Docker user sees it ---------------------------------------------------

  @Test
  void runOfAMissingImage() throws Exception {
    Result r = docker.run("run", "--rm", "nosuch-" + RUN + ":1", "true");
    assertEquals(125, r.exit(), r.describe());
    assertTrue(r.err().startsWith("Unable to find image 'nosuch-" + RUN + ":1' locally\n"), r.describe());
    assertContains(r, "docker: Error response from daemon: ");
  }

  @Test
  void runOfAMissingExecutable() throws Exception {
    Result r = docker.run("run", "--rm", "busybox", "no-such-cmd");
    assertEquals(127, r.exit(), r.describe());
    assertContains(r, "executable file not found in $PATH");
    Result abs = docker.run("run", "--rm", "busybox", "/no/such/file");
    assertEquals(127, abs.exit(), abs.describe());
    assertContains(abs, "no such file or directory");
  }

  @Test
  void nameConflictAndRemovingARunningContainer() throws Exception {
    String name = "dup-" + RUN;
    String id = docker.ok("run", "-d", "--name", name, "busybox", "sleep", "300").out().strip();
    Result again = docker.run("run", "-d", "--name", name, "busybox", "true");
    assertEquals(125, again.exit(), again.describe());
    assertContains(again, "Conflict. The container name \"/" + name + "\" is already in use by container \""
        + id + "\". You have to remove (or rename) that container to be able to reuse that name.");
    Result rm = docker.run("rm", name);
    assertEquals(1, rm.exit(), rm.describe());
    assertContains(rm, "You cannot remove a running container " + id);
    Result busy = docker.run("rmi", "busybox");
    assertEquals(1, busy.exit(), busy.describe());
    assertContains(busy, "conflict: unable to remove repository reference \"busybox\" (must force) - container "
        + id.substring(0, 12) + " is using its referenced image");
    assertEquals(name + "\n", docker.ok("rm", "-f", name).out());
  }

  @Test
  void unknownContainers() throws Exception {
    String name = "nosuch-" + RUN;
    for (String cmd : List.of("stop", "kill", "logs", "rm", "start", "restart", "wait")) {
      Result r = docker.run(cmd, name);
      assertEquals(1, r.exit(), r.describe());
      assertContains(r, "No such container: " + name);
    }
    Result inspect = docker.run("inspect", name);
    assertEquals(1, inspect.exit(), inspect.describe());
    assertContains(inspect, "No such object: " + name);
  }

  @Test
  void invalidNamesAndLimits() throws Exception {
    Result badName = docker.run("run", "--name", "bad name!", "busybox", "true");
    assertEquals(125, badName.exit(), badName.describe());
    assertContains(badName, "Invalid container name (bad name!), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    Result memory = docker.run("run", "--memory", "1k", "busybox", "true");
    assertEquals(125, memory.exit(), memory.describe());
    assertContains(memory, "Minimum memory limit allowed is 6MB");
    Result tag = docker.run("tag", "busybox", "Bad:Ref");
    assertTrue(tag.exit() != 0, tag.describe());
  }

  // ---- rough edges -------------------------------------------------------------------------

  @Test
  void psRightAfterRunWaitAndAttachToStopped() throws Exception {
    String name = "edge-" + RUN;
    assertEquals(4, docker.run("run", "--name", name, "busybox", "sh", "-c", "exit 4").exit());
    assertTrue(docker.ok("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}").out()
        .startsWith("Exited (4) "));
    assertEquals("4\n", docker.ok("wait", name).out());
    Result attach = docker.run("attach", name);
    assertEquals(1, attach.exit(), attach.describe());
    assertContains(attach, "You cannot attach to a stopped container, start it first");
    Result startA = docker.run("start", "-a", name);
    assertEquals(4, startA.exit(), startA.describe());
    docker.ok("rm", name);

    String created = "created-" + RUN;
    docker.ok("create", "--name", created, "busybox", "echo", "from start");
    assertEquals("from start\n", docker.ok("start", "-a", created).out());
    assertEquals("from start\n", docker.ok("logs", created).out());
    docker.ok("rm", created);
  }

  @Test
  void ttyLogsDetachedRunAndInfoFigures() throws Exception {
    String tty = "tty-" + RUN;
    assertEquals("one\r\ntwo\r\n", docker.ok("run", "-t", "--name", tty, "busybox", "sh", "-c", "echo one; echo two")
        .out());
    assertEquals("one\r\ntwo\r\n", docker.ok("logs", tty).out());
    docker.ok("rm", tty);

    String sleeper = "sleeper-" + RUN;
    long t0 = System.nanoTime();
    docker.ok("run", "-d", "--rm", "--name", sleeper, "busybox", "sleep", "1");
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
    docker.run(Duration.ofSeconds(60), null, "wait", sleeper); // 0, or 1 when already removed
    awaitGone(sleeper);

    String up = "up-" + RUN;
    String down = "down-" + RUN;
    docker.ok("run", "-d", "--name", up, "busybox", "sleep", "300");
    docker.ok("create", "--name", down, "busybox", "true");
    int running = docker.ok("ps", "-q").lines().size();
    int all = docker.ok("ps", "-aq").lines().size();
    Result info = docker.ok("info", "--format",
        "{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}} {{.Images}}");
    String[] f = info.out().strip().split(" ");
    assertEquals(List.of(Integer.toString(all), Integer.toString(running), "0", Integer.toString(all - running)),
        List.of(f[0], f[1], f[2], f[3]), info.describe());
    assertTrue(Integer.parseInt(f[4]) >= 1, info.describe());
    docker.ok("rm", "-f", up, down);
  }

  private static void awaitGone(String name) throws Exception {
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(30));
    while (docker.run("inspect", name).exit() == 0) {
      assertTrue(System.nanoTime() < deadline, name + " was not auto-removed");
      Thread.sleep(200);
    }
  }
}
