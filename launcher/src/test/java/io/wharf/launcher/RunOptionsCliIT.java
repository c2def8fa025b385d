package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against a real daemon (root, runc, conmon): every {@code docker run} option
 * of issue 3 has its visible effect inside the container, bad input gets Docker's errors, and health
 * checks show in {@code docker ps}. One daemon for the class; every container is removed.
 */
class RunOptionsCliIT {
  private static Path dir;
  private static DaemonProcess daemon;
  private static Path socket;

  @BeforeAll
  static void startDaemon() throws Exception {
    requireHost();
    daemon = startDaemonWithBusybox("ro");
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    stopDaemonRemovingContainers(daemon);
  }

  /**
   * Starts a one-node daemon in a fresh scratch dir (which these helpers then drive) and loads
   * busybox into it. For this class and the IT classes that reuse its docker helpers, one at a time.
   */
  static DaemonProcess startDaemonWithBusybox(String node) throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    useScratch(DaemonProcess.scratch(node + "-"));
    DaemonProcess started = DaemonProcess.start("daemon", dir, List.of("daemon", "--data-root",
        dir.resolve("d").toString(), "--run-dir", dir.resolve("r").toString(), "--socket", socket.toString(),
        "--node-name", node, "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-name", node + "-" + ProcessHandle.current().pid()));
    started.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path tar = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    ok("load", "-i", tar.toString());
    return started;
  }

  /** Removes every container of the daemon, stops it and deletes the scratch dir. */
  static void stopDaemonRemovingContainers(DaemonProcess started) throws Exception {
    if (started != null) {
      for (String id : docker("ps", "-aq").out.split("\\s+")) {
        if (!id.isBlank()) {
          docker("rm", "-f", id);
        }
      }
      started.stop();
    }
    ScratchDirs.deleteUnlessMounted(dir);
  }

  /** For another IT class that drives its own daemon through these helpers (one class at a time). */
  static void useScratch(Path scratch) {
    dir = scratch;
    socket = scratch.resolve("w.sock");
  }

  static Path scratch() {
    return dir;
  }

  static void requireHostForSubclass() {
    requireHost();
  }

  private static void requireHost() {
    boolean ready = DaemonProcess.isRoot() && Files.isExecutable(Path.of("/usr/local/bin/docker"))
        || Files.isExecutable(Path.of("/usr/bin/docker"));
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(ready && DaemonProcess.isRoot(), "needs root and the docker CLI");
    }
    Assumptions.assumeTrue(ready && DaemonProcess.isRoot(), "needs root and the docker CLI");
  }

  record Result(int code, String out, String err) {}

  static Result docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("docker " + String.join(" ", args) + " timed out");
    }
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static String ok(String... args) throws IOException, InterruptedException {
    Result r = docker(args);
    assertEquals(0, r.code, "docker " + String.join(" ", args) + "\n" + r.err + "\n" + r.out);
    return r.out;
  }

  static String run(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("run", "--rm"));
    all.addAll(List.of(args));
    return ok(all.toArray(String[]::new));
  }

  static void rejected(String message, String... args) throws IOException, InterruptedException {
    Result r = docker(args);
    assertTrue(r.code != 0 && r.err.contains(message), "docker " + String.join(" ", args) + "\n" + r.err);
  }

  @Test
  void seccompAndNoNewPrivileges() throws Exception {
    assertTrue(run("busybox", "grep", "Seccomp:", "/proc/self/status").contains("2"));
    assertTrue(run("busybox", "grep", "NoNewPrivs", "/proc/self/status").contains("0"));
    assertTrue(run("--security-opt", "no-new-privileges", "busybox", "grep", "NoNewPrivs", "/proc/self/status")
        .contains("1"));
    assertTrue(run("--security-opt", "seccomp=unconfined", "busybox", "grep", "Seccomp:", "/proc/self/status")
        .contains("0"));
    assertTrue(run("--privileged", "busybox", "grep", "Seccomp:", "/proc/self/status").contains("0"));
    assertTrue(docker("run", "--rm", "busybox", "unshare", "-n", "true").err.contains("Operation not permitted"));
    Files.writeString(dir.resolve("nomkdir.json"), "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":"
        + "[\"mkdir\",\"mkdirat\"],\"action\":\"SCMP_ACT_ERRNO\"}]}");
    assertTrue(docker("run", "--rm", "--security-opt", "seccomp=nomkdir.json", "busybox", "mkdir", "/x").err
        .contains("Operation not permitted"));
    Files.writeString(dir.resolve("bad.json"), "{\"syscalls\":[]}");
    rejected("Decoding seccomp profile failed", "run", "--rm", "--security-opt", "seccomp=bad.json", "busybox", "true");
  }

  @Test
  void ulimitsUserGroupsAndReadOnlyRootfs() throws Exception {
    assertEquals("1024\n2048\n", run("--ulimit", "nofile=1024:2048", "busybox", "sh", "-c", "ulimit -n; ulimit -Hn"));
    rejected("ulimit nofile: hard limit 99999999 exceeds this host's limit", "run", "--rm", "--ulimit",
        "nofile=99999999", "busybox", "true");
    assertEquals("uid=1000 gid=1000 groups=10,65534(nogroup)\n",
        run("--user", "1000:1000", "--group-add", "10", "--group-add", "nogroup", "busybox", "id"));
    Result ro = docker("run", "--rm", "--read-only", "busybox", "touch", "/x");
    assertTrue(ro.code != 0 && ro.err.contains("Read-only file system"), ro.err);
  }

  @Test
  void tmpfsShmSysctlDeviceInitEntrypoint() throws Exception {
    assertTrue(run("--tmpfs", "/scratch:size=1m", "busybox", "sh", "-c", "mount | grep /scratch")
        .contains("tmpfs on /scratch type tmpfs (rw,nosuid,nodev,noexec,relatime,size=1024k)"));
    assertTrue(run("--shm-size", "2m", "busybox", "df", "-k", "/dev/shm").contains(" 2048 "));
    assertEquals("kernel.shmmax = 1000000\n", run("--sysctl", "kernel.shmmax=1000000", "busybox", "sysctl",
        "kernel.shmmax"));
    rejected("is not allowed in the host network namespace", "run", "--rm", "--network", "host", "--sysctl",
        "net.ipv4.ip_forward=1", "busybox", "true");
    rejected("sysctl 'kernel.hostname=x' is not", "run", "--rm", "--sysctl", "kernel.hostname=x", "busybox", "true");
    assertEquals("ok\n", run("--device", "/dev/null:/dev/mynull", "busybox", "sh", "-c", "echo x > /dev/mynull && echo ok"));
    rejected("error gathering device information while adding custom device \"/nonexistent\"", "run", "--rm",
        "--device", "/nonexistent", "busybox", "true");
    assertTrue(run("--init", "busybox", "cat", "/proc/1/cmdline").startsWith("/sbin/docker-init"));
    assertEquals("via\n", run("--entrypoint", "echo", "busybox", "via"));
  }

  @Test
  void initForwardsStopSignals() throws Exception {
    String name = "init-" + System.nanoTime();
    ok("run", "-d", "--name", name, "--init", "busybox", "sleep", "300");
    long start = System.nanoTime();
    ok("stop", "-t", "20", name);
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "tini passes SIGTERM on to sleep");
    ok("rm", name);
  }

  @Test
  void fileOptionsStopOptionsAndCidfile() throws Exception {
    Files.writeString(dir.resolve("env.list"), "A=1\nB=two\n");
    Files.writeString(dir.resolve("labels.list"), "l1=x\n");
    assertEquals("1 two\n", run("--env-file", "env.list", "busybox", "sh", "-c", "echo $A $B"));
    String name = "opts-" + System.nanoTime();
    ok("create", "--name", name, "--label-file", "labels.list", "--stop-signal", "SIGUSR1", "--stop-timeout", "3",
        "--cidfile", "cid-" + name, "busybox", "true");
    assertEquals("{\"l1\":\"x\"} SIGUSR1 3\n",
        ok("inspect", "-f", "{{json .Config.Labels}} {{.Config.StopSignal}} {{.Config.StopTimeout}}", name));
    assertEquals(ok("inspect", "-f", "{{.Id}}", name).strip(), Files.readString(dir.resolve("cid-" + name)));
    rejected("ontainer ID file found, make sure the other container isn't running or delete cid-" + name,
        "create", "--cidfile", "cid-" + name, "busybox", "true");
    ok("rm", name);
    rejected("Invalid signal: FOO", "create", "--stop-signal", "FOO", "busybox", "true");
    rejected("no such file or directory", "run", "--rm", "--env-file", "missing.list", "busybox", "true");
    rejected("no such file or directory", "run", "--rm", "--label-file", "missing.list", "busybox", "true");
  }

  @Test
  void logRotationIsReadAcrossFiles() throws Exception {
    String name = "logs-" + System.nanoTime();
    ok("run", "-d", "--name", name, "--log-opt", "max-size=1k", "--log-opt", "max-file=3", "busybox", "sh", "-c",
        "i=0; while [ $i -lt 100 ]; do echo line-$i-padding-padding-padding; i=$((i+1)); sleep 0.03; done; sleep 300");
    Thread.sleep(5000);
    String logs = ok("logs", name);
    assertTrue(logs.endsWith("line-99-padding-padding-padding\n"), logs);
    String first = logs.lines().findFirst().orElse("");
    assertTrue(!first.equals("line-0-padding-padding-padding"), "old files were dropped: " + first);
    String id = ok("inspect", "-f", "{{.Id}}", name).strip();
    assertTrue(Files.exists(dir.resolve("d/containers/" + id + "/ctr.log.1")), "rotated");
    assertTrue(!Files.exists(dir.resolve("d/containers/" + id + "/ctr.log.3")), "max-file 3 keeps 2 rotated");
    ok("rm", "-f", name);
  }

  /** A one-binary rootfs tar (busybox with the applets a probe needs) for docker import. */
  private static Path rootfsTar() throws Exception {
    Path root = Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), root.resolve("busybox"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (String applet : List.of("sh", "sleep", "true")) {
      Files.deleteIfExists(root.resolve(applet));
      Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
    }
    Path tar = dir.resolve("rootfs.tar");
    Process p = new ProcessBuilder("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), ".")
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    return tar;
  }

  @Test
  void imageHealthcheckIsUsedAndCanBeOverridden() throws Exception {
    String image = "hc" + System.nanoTime() + ":1";
    ok("import", "--change", "HEALTHCHECK --interval=1s --retries=1 CMD true", "--change", "CMD [\"sleep\",\"300\"]",
        rootfsTar().toString(), image);
    assertEquals("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":1000000000,\"Retries\":1}\n",
        ok("image", "inspect", "-f", "{{json .Config.Healthcheck}}", image));
    String fromImage = ok("run", "-d", image).strip();
    String overridden = ok("run", "-d", "--health-cmd", "exit 1", image).strip();
    String disabled = ok("run", "-d", "--no-healthcheck", image).strip();
    daemon.awaitCondition("image health", () -> {
      try {
        return ok("inspect", "-f", "{{.State.Health.Status}}", fromImage).equals("healthy\n")
            && ok("inspect", "-f", "{{.State.Health.Status}}", overridden).equals("unhealthy\n");
      } catch (Exception | AssertionError e) {
        return false;
      }
    }, deadline(Duration.ofSeconds(20)));
    assertEquals("false\n", ok("inspect", "-f", "{{if .State.Health}}true{{else}}false{{end}}", disabled));
    ok("rm", "-f", fromImage, overridden, disabled);
    ok("rmi", image);
  }

  @Test
  void healthChecksShowInPsInspectAndEvents() throws Exception {
    String good = "hok-" + System.nanoTime();
    String bad = "hbad-" + System.nanoTime();
    ok("run", "-d", "--name", good, "--health-cmd", "true", "--health-interval", "1s", "busybox", "sleep", "300");
    ok("run", "-d", "--name", bad, "--health-cmd", "echo failing; exit 1", "--health-interval", "1s",
        "--health-retries", "2", "busybox", "sleep", "300");
    daemon.awaitCondition("health", () -> {
      try {
        String ps = ok("ps", "--format", "{{.Names}} {{.Status}}");
        return ps.contains(good + " Up") && ps.contains("(healthy)") && ps.contains("(unhealthy)");
      } catch (Exception e) {
        return false;
      }
    }, deadline(Duration.ofSeconds(20)));
    assertTrue(ok("inspect", "-f", "{{.State.Health.Status}} {{(index .State.Health.Log 0).Output}}", bad)
        .startsWith("unhealthy failing"));
    assertTrue(ok("events", "--since", "1m", "--until", "0s", "--filter", "event=health_status")
        .contains("health_status: healthy"));
    ok("stop", "-t", "1", good);
    int logged = Integer.parseInt(ok("inspect", "-f", "{{len .State.Health.Log}}", good).strip());
    Thread.sleep(2500);
    assertEquals(logged, Integer.parseInt(ok("inspect", "-f", "{{len .State.Health.Log}}", good).strip()),
        "no probes after stop");
    assertEquals("{\"Test\":[\"NONE\"]}\n", ok("inspect", "-f", "{{json .Config.Healthcheck}}",
        ok("create", "--no-healthcheck", "busybox", "true").strip()));
    rejected("Interval in Healthcheck cannot be less than 1ms", "run", "--rm", "--health-cmd", "true",
        "--health-interval", "1us", "busybox", "true");
    ok("rm", "-f", good, bad);
  }
}
