package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.ShellRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose v1 (Debian's 1.29.2, on docker-py) against a real daemon: a project with a
 * busybox httpd service, a client that fetches from it by service name, a named network and a
 * named volume; {@code up -d}, {@code ps}, {@code logs}, {@code exec}, {@code down -v}. The project
 * name is unique per run and {@code down -v} runs even when an assertion failed.
 */
class ComposeCliIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String PROJECT = "wharfit" + PID;
  private static final String COMPOSE_FILE = """
      version: "3.8"
      services:
        web:
          image: busybox
          command: sh -c "mkdir -p /www && cat /data/greeting > /www/index.html; echo web-up; httpd -f -p 80 -h /www"
          networks: [back]
          volumes: [store:/data]
        client:
          image: busybox
          command: sh -c "until wget -qO- http://web/; do sleep 0.2; done; echo; sleep 300"
          networks: [back]
          depends_on: [web]
        seed:
          image: busybox
          command: sh -c "echo hello-from-volume > /data/greeting"
          volumes: [store:/data]
      networks:
        back: {}
      volumes:
        store: {}
      """;
  private static Path dir;
  private static DaemonProcess daemon;
  private static String socket;

  @BeforeAll
  static void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    Prerequisites.require(DaemonProcess.isRoot() && Prerequisites.onPath("docker")
        && Prerequisites.onPath("docker-compose"), "needs root, the docker CLI and docker-compose (scripts/install-deps.sh --test)");
    dir = DaemonProcess.scratch("compose-");
    socket = dir.resolve("w.sock").toString();
    daemon = DaemonProcess.start("daemon", dir, List.of("daemon", "--data-root", dir.resolve("d").toString(),
        "--run-dir", dir.resolve("r").toString(), "--socket", socket, "--node-name", "compose",
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-name", "compose-" + PID));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path tar = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, ShellRunner.docker(socket, "load", "-i", tar.toString()).code());
    Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE_FILE);
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      compose("down", "-v", "-t", "1");
      daemon.stop();
    }
    ScratchDirs.deleteUnlessMounted(dir);
  }

  static Result compose(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker-compose", "-p", PROJECT));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    return ShellRunner.run(pb);
  }

  static String ok(String... args) throws Exception {
    Result r = compose(args);
    assertEquals(0, r.code(), "docker-compose " + String.join(" ", args) + "\n" + r.err() + "\n" + r.out());
    return r.out();
  }

  @Test
  void upPsLogsExecDown() throws Exception {
    ok("run", "--rm", "seed");
    ok("up", "-d", "web", "client");
    String ps = ok("ps");
    assertTrue(ps.contains(PROJECT + "_web_1") && ps.contains(PROJECT + "_client_1"), ps);
    assertTrue(ps.lines().filter(l -> l.contains(PROJECT + "_")).allMatch(l -> l.contains(" Up ")), ps);

    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String logs = "";
    while (System.nanoTime() < until && !logs.contains("hello-from-volume")) {
      logs = ok("logs", "--no-color", "client");
      Thread.sleep(200);
    }
    assertTrue(logs.contains("hello-from-volume"), "client fetched web by service name:\n" + logs);
    assertTrue(ok("logs", "--no-color").contains("web-up"));

    assertEquals("hello-from-volume\n", ok("exec", "-T", "client", "wget", "-qO-", "http://web/"));
    assertEquals("hello-from-volume\n", ok("exec", "-T", "web", "cat", "/data/greeting"));
    Result missing = compose("exec", "-T", "web", "false");
    assertEquals(1, missing.code(), missing.err());

    ok("down", "-v", "-t", "1");
    assertEquals("", ShellRunner.docker(socket, "ps", "-aq").out());
    assertFalse(ShellRunner.docker(socket, "network", "ls").out().contains(PROJECT + "_back"));
    assertFalse(ShellRunner.docker(socket, "volume", "ls").out().contains(PROJECT + "_store"));
  }
}
