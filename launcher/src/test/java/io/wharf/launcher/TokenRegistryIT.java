package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docker CLI, through a Wharf daemon, against a second Wharf daemon that only runs the
 * registry, behind htpasswd and the built-in Bearer token service ({@code --registry-config}
 * with {@code "token": true}, anonymous access off): login with a wrong and the right password,
 * push, rmi, pull back the same image, logout.
 */
class TokenRegistryIT {
  private static Path dir;
  private static Path runDir;
  private static DaemonProcess registry;
  private static DaemonProcess daemon;
  private static String registryHost;

  @BeforeAll
  static void start() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    Prerequisites.require(Prerequisites.onPath("docker") && Prerequisites.onPath("htpasswd")
        && Files.isExecutable(Path.of("/bin/busybox")), "docker, htpasswd or busybox-static is missing (scripts/install-deps.sh --test)");
    dir = DaemonProcess.scratch("token-it-");
    runDir = Files.createTempDirectory(Path.of("/tmp"), "wtk");
    Path htpasswd = dir.resolve("htpasswd");
    assertEquals(0, ShellRunner.run(new ProcessBuilder("htpasswd", "-Bbc", htpasswd.toString(), "alice", "s3cret")).code());
    Path config = dir.resolve("registry.json");
    Files.writeString(config, new JsonObject().put("auth", new JsonObject().put("htpasswd", htpasswd.toString())
        .put("token", true).put("anonymous", "none").put("access", new JsonArray()
            .add(new JsonObject().put("repository", "team/*").put("users", new JsonArray().add("alice"))
                .put("actions", new JsonArray().add("*"))))).encode());
    int registryPort = DaemonProcess.freePort();
    registryHost = "127.0.0.1:" + registryPort;
    long pid = ProcessHandle.current().pid();
    registry = DaemonProcess.start("token-registry", dir, List.of("daemon", "--roles", "registry",
        "--data-root", dir.resolve("registry-data").toString(), "--run-dir", runDir.resolve("r").toString(),
        "--socket", runDir.resolve("r.sock").toString(), "--node-name", "tokenreg", "--registry-port", String.valueOf(registryPort),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "tokreg-" + pid,
        "--registry-config", config.toString()));
    String roles = DaemonProcess.isRoot() ? "all" : "registry,scheduler,gateway";
    daemon = DaemonProcess.start("token-daemon", dir, List.of("daemon", "--roles", roles,
        "--data-root", dir.resolve("data").toString(), "--run-dir", runDir.resolve("d").toString(),
        "--socket", runDir.resolve("d.sock").toString(), "--node-name", "tokenit",
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "tokit-" + pid));
    registry.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
  }

  @AfterAll
  static void stop() throws Exception {
    for (DaemonProcess p : new DaemonProcess[] {daemon, registry}) {
      if (p != null) {
        p.stop();
      }
    }
    if (dir != null) {
      ScratchDirs.deleteUnlessMounted(dir);
    }
    if (runDir != null) {
      ScratchDirs.deleteUnlessMounted(runDir);
    }
  }

  @Test
  void loginPushRmiPullThroughTheTokenService() throws Exception {
    Path tar = dir.resolve("busybox.tar");
    String ref = registryHost + "/team/bb:1";
    assertEquals(0, ShellRunner.run(new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString(), ref)).code());
    assertEquals(0, docker("load", "-i", tar.toString()).code());
    String id = docker("image", "inspect", "-f", "{{.Id}}", ref).out().trim();

    ShellRunner.Result anonymous = docker("push", ref);
    assertNotEquals(0, anonymous.code(), "anonymous push");
    ShellRunner.Result wrong = docker("login", "-u", "alice", "-p", "wrong", registryHost);
    assertEquals(1, wrong.code(), wrong.err());
    assertTrue(wrong.err().contains("401 Unauthorized"), wrong.err());
    ShellRunner.Result login = docker("login", "-u", "alice", "-p", "s3cret", registryHost);
    assertEquals(0, login.code(), login.err());
    assertTrue(login.out().contains("Login Succeeded"), login.out());

    ShellRunner.Result pushed = docker("push", ref);
    assertEquals(0, pushed.code(), pushed.err());
    assertTrue(pushed.out().contains("1: digest: sha256:"), pushed.out());
    String outside = registryHost + "/elsewhere/bb:1";
    assertEquals(0, docker("tag", ref, outside).code());
    assertNotEquals(0, docker("push", outside).code(), "the rules give alice team/* only");

    assertEquals(0, docker("rmi", ref, outside).code());
    ShellRunner.Result pulled = docker("pull", ref);
    assertEquals(0, pulled.code(), pulled.err());
    assertEquals(id, docker("image", "inspect", "-f", "{{.Id}}", ref).out().trim());
    assertEquals(0, docker("logout", registryHost).code());
    assertEquals(0, docker("rmi", ref).code());
    ShellRunner.Result loggedOut = docker("pull", ref);
    assertNotEquals(0, loggedOut.code(), "pull without credentials");
  }

  private static ShellRunner.Result docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", "unix://" + runDir.resolve("d.sock"));
    pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    return ShellRunner.run(pb);
  }
}
