package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.ShellRunner.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * docker-compose v1 beyond {@link ComposeCliIT}: a file-format 2.4 project whose web service waits
 * for a healthy db ({@code condition: service_healthy}), runs as a non-root user on port 80
 * (Docker's unprivileged-port sysctl) published on the host, and carries the everyday options
 * (env_file, bind mount, extra_hosts, working_dir, init, shm_size, ulimits, tmpfs, alias and
 * ipv4_address, {@code network_mode: service:db}); then {@code up --force-recreate}, which reads
 * the image's ContainerConfig, and {@code --abort-on-container-exit --exit-code-from}. Project
 * names are unique per run; {@code down -v --rmi local} runs even when an assertion failed.
 */
class ComposeEverydayIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String PROJECT = "wharfday" + PID;
  private static final String ONE_SHOT = "wharfabort" + PID;
  private static final String COMPOSE_FILE = """
      version: "2.4"
      services:
        db:
          image: busybox
          command: sh -c "sleep 1; touch /tmp/ready; sleep 300"
          healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, timeout: 2s, retries: 10}
          networks: {back: {aliases: [database], ipv4_address: "${SUBNET}.10"}}
          tmpfs: [/scratch]
          ulimits: {nofile: {soft: 1024, hard: 2048}}
          stop_grace_period: 1s
          hostname: dbhost
        side:
          image: busybox
          command: sleep 300
          network_mode: "service:db"
          stop_grace_period: 1s
        web:
          image: busybox
          command: sh -c "mkdir -p /tmp/www; echo hi-$$APP > /tmp/www/index.html; httpd -f -p 80 -h /tmp/www"
          depends_on: {db: {condition: service_healthy}}
          ports: ["127.0.0.1:${WEB_PORT}:80"]
          env_file: [app.env]
          volumes: [./bind:/bind:ro]
          networks: [back]
          user: "1000:1000"
          working_dir: /tmp
          extra_hosts: ["myhost:10.1.2.3"]
          init: true
          shm_size: 32m
          stop_grace_period: 1s
      networks:
        back: {ipam: {config: [{subnet: "${SUBNET}.0/24"}]}}
      """;
  private static final String ABORT_FILE = """
      version: "2.4"
      services:
        srv: {image: busybox, command: sleep 300, stop_grace_period: 1s}
        chk: {image: busybox, command: sh -c "echo chk-done; exit 5", depends_on: [srv]}
      """;
  private static Path dir;
  private static DaemonProcess daemon;
  private static String socket;
  private static final int WEB_PORT = freePortOrZero();
  private static final String SUBNET = "172.31." + (100 + PID % 100);

  private static int freePortOrZero() {
    try {
      return DaemonProcess.freePort();
    } catch (Exception e) {
      return 0;
    }
  }

  @BeforeAll
  static void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    Prerequisites.require(DaemonProcess.isRoot() && Prerequisites.onPath("docker")
        && Prerequisites.onPath("docker-compose"), "needs root, the docker CLI and docker-compose (scripts/install-deps.sh --test)");
    dir = DaemonProcess.scratch("cday-");
    socket = dir.resolve("w.sock").toString();
    daemon = DaemonProcess.start("daemon", dir, List.of("daemon", "--data-root", dir.resolve("d").toString(),
        "--run-dir", dir.resolve("r").toString(), "--socket", socket, "--node-name", "cday",
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-name", "cday-" + PID));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path tar = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, ShellRunner.docker(socket, "load", "-i", tar.toString()).code());
    Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE_FILE);
    Files.writeString(dir.resolve("abort.yml"), ABORT_FILE);
    Files.writeString(dir.resolve("app.env"), "APP=envfile\n");
    Files.createDirectories(dir.resolve("bind"));
    Files.writeString(dir.resolve("bind/f"), "bound\n");
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      compose(PROJECT, "down", "-v", "--rmi", "local", "-t", "1");
      compose(ONE_SHOT, "-f", "abort.yml", "down", "-v", "--rmi", "local", "-t", "1");
      daemon.stop();
    }
    ScratchDirs.deleteUnlessMounted(dir);
  }

  static Result compose(String project, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker-compose", "-p", project));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    pb.environment().put("WEB_PORT", String.valueOf(WEB_PORT));
    pb.environment().put("SUBNET", SUBNET);
    return ShellRunner.run(pb);
  }

  static String ok(String... args) throws Exception {
    Result r = compose(PROJECT, args);
    assertEquals(0, r.code(), "docker-compose " + String.join(" ", args) + "\n" + r.err() + "\n" + r.out());
    return r.out();
  }

  @Test
  void healthyDependencyNonRootPort80OptionsAndRecreate() throws Exception {
    ok("up", "-d", "web");
    String ps = ok("ps");
    assertTrue(ps.contains("Up (healthy)") && ps.contains("127.0.0.1:" + WEB_PORT + "->80/tcp"), ps);
    assertEquals("hi-envfile\n", fetch());
    String inside = ok("exec", "-T", "web", "sh", "-c",
        "id -u; pwd; cat /bind/f; grep myhost /etc/hosts | cut -f1;"
        + " df -k /dev/shm | tail -1; cat /proc/1/cmdline");
    assertTrue(inside.startsWith("1000\n/tmp\nbound\n10.1.2.3\n"), inside);
    assertTrue(inside.contains(" 32768 ") && inside.contains("/sbin/docker-init"), inside);
    String db = ok("exec", "-T", "db", "sh", "-c", "ulimit -n; ulimit -Hn; grep -c ' /scratch tmpfs' /proc/mounts;"
        + " ip -4 addr show eth0 | grep -o '" + SUBNET + ".10/24'");
    assertTrue(db.startsWith("1024\n2048\n1\n" + SUBNET + ".10/24\n"), db);

    Result cli = ShellRunner.docker(socket, "run", "--rm", "--mac-address", "02:42:ac:11:00:77", "busybox",
        "cat", "/sys/class/net/eth0/address");
    assertEquals("02:42:ac:11:00:77\n", cli.out(), cli.err());
    ok("up", "-d", "side");
    assertEquals("dbhost\n", ok("exec", "-T", "side", "hostname"), "network_mode service:db takes db's hostname");

    ok("up", "-d", "--force-recreate", "--no-deps", "web");
    assertEquals("hi-envfile\n", fetch());
    assertTrue(ok("port", "web", "80").contains("127.0.0.1:" + WEB_PORT), "port web 80");
  }

  @Test
  void abortOnContainerExitReturnsTheChosenExitCode() throws Exception {
    Result r = compose(ONE_SHOT, "-f", "abort.yml", "up", "--abort-on-container-exit", "--exit-code-from", "chk");
    assertEquals(5, r.code(), r.err() + "\n" + r.out());
    assertTrue(r.out().contains("chk-done"), r.out());
    assertTrue(r.out().contains("exited with code 5"), r.out());
  }

  private static String fetch() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + WEB_PORT + "/"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
      } catch (java.io.IOException notYet) {
        if (System.nanoTime() > until) {
          throw notYet;
        }
        Thread.sleep(200);
      }
    }
  }
}
