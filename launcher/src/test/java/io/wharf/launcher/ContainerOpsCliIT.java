package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real docker CLI (and docker-py) against one real daemon: exec (-i, -d, -e, -u, -w, missing
 * binary, stopped and paused containers, empty command), top, pause/unpause, stats, update, with
 * their bad inputs. Root only: real runc, conmon and overlayfs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerOpsCliIT {
  private Path dir;
  private Path run;
  private DaemonProcess daemon;
  private DockerCli cli;
  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private String c1;

  @BeforeAll
  void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    DockerCli.assumeClientsAndRuntime();
    dir = DaemonProcess.scratch("ops-it-");
    run = Files.createTempDirectory(Path.of("/tmp"), "wops");
    Path socket = run.resolve("d.sock");
    daemon = DaemonProcess.start("ops", dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", run.resolve("r").toString(), "--socket", socket.toString(),
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--node-name", "ops" + tag,
        "--cluster-name", "ops-" + tag));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    cli = new DockerCli(socket);
    Path tar = dir.resolve("busybox.tar");
    DockerCli.Result made = cli.run(null, List.of(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        tar.toString()));
    assertEquals(0, made.exit(), made.toString());
    assertEquals(0, cli.docker("load", "-i", tar.toString()).exit());
    c1 = "ops1-" + tag;
    DockerCli.Result r = cli.docker("run", "-d", "--name", c1, "busybox", "sleep", "1000");
    assertEquals(0, r.exit(), r.toString());
  }

  @AfterAll
  void stopDaemon() throws Exception {
    if (cli != null) {
      cli.docker("rm", "-f", c1);
    }
    if (daemon != null) {
      daemon.stop();
    }
    if (dir != null) {
      ScratchDirs.deleteUnlessMounted(dir);
    }
    if (run != null) {
      ScratchDirs.deleteUnlessMounted(run);
    }
  }

  @Test
  void execStreamsOutputAndExitsWithTheCommandsCode() throws Exception {
    DockerCli.Result r = cli.docker("exec", c1, "sh", "-c", "echo out; echo err >&2; exit 5");
    assertEquals(5, r.exit(), r.toString());
    assertEquals("out\n", r.out());
    assertEquals("err\n", r.err());
    r = cli.docker("exec", "-e", "FOO=bar", "-u", "1000", "-w", "/tmp", c1, "sh", "-c", "echo $FOO; id -u; pwd");
    assertEquals("bar\n1000\n/tmp\n", r.out(), r.toString());
    r = cli.dockerWithInput("hello\n", "exec", "-i", c1, "cat");
    assertEquals("hello\n", r.out(), r.toString());
    r = cli.docker("exec", "--privileged", c1, "sh", "-c", "grep CapEff /proc/self/status");
    assertTrue(r.out().contains("fffff"), r.toString());
  }

  @Test
  void detachedExecRunsInTheBackground() throws Exception {
    assertEquals(0, cli.docker("exec", "-d", c1, "sh", "-c", "echo done > /tmp/detached").exit());
    long until = deadline(Duration.ofSeconds(10));
    DockerCli.Result r;
    do {
      Thread.sleep(100);
      r = cli.docker("exec", c1, "cat", "/tmp/detached");
    } while (r.exit() != 0 && System.nanoTime() < until);
    assertEquals("done\n", r.out(), r.toString());
  }

  @Test
  void execOfAMissingBinaryFailsLikeDocker() throws Exception {
    DockerCli.Result r = cli.docker("exec", c1, "no-such-binary");
    assertEquals(126, r.exit(), r.toString());
    assertTrue(r.out().contains("OCI runtime exec failed") && r.out().contains("executable file not found"), r.toString());
  }

  @Test
  void execWithAnEmptyCommandOrUnknownIdsIsRefused() throws Exception {
    DockerCli.Result r = curl("-XPOST", "-H", "Content-Type: application/json", "-d", "{\"Cmd\":[]}",
        "http://d/containers/" + c1 + "/exec");
    assertTrue(r.out().startsWith("400") && r.out().contains("No exec command specified"), r.toString());
    r = curl("-XPOST", "-H", "Content-Type: application/json", "-d", "{\"Cmd\":", "http://d/containers/" + c1 + "/exec");
    assertTrue(r.out().startsWith("400"), r.toString());
    r = curl("http://d/exec/" + "ab".repeat(32) + "/json");
    assertTrue(r.out().startsWith("404") && r.out().contains("No such exec instance"), r.toString());
    r = cli.docker("exec", "nosuch-" + tag, "true");
    assertTrue(r.err().contains("No such container: nosuch-" + tag), r.toString());
  }

  @Test
  void execIntoStoppedOrPausedContainersFails() throws Exception {
    String c2 = "ops2-" + tag;
    assertEquals(0, cli.docker("run", "-d", "--name", c2, "busybox", "sleep", "1000").exit());
    try {
      assertEquals(0, cli.docker("pause", c2).exit());
      DockerCli.Result r = cli.docker("exec", c2, "true");
      assertTrue(r.err().contains("is paused, unpause the container before exec"), r.toString());
      r = cli.docker("pause", c2);
      assertTrue(r.err().contains("is already paused"), r.toString());
      assertEquals("paused\n", cli.docker("inspect", "-f", "{{.State.Status}}", c2).out());
      assertTrue(cli.docker("top", c2).out().contains("sleep 1000"));
      assertEquals(0, cli.docker("unpause", c2).exit());
      r = cli.docker("unpause", c2);
      assertTrue(r.err().contains("is not paused"), r.toString());
      assertEquals(0, cli.docker("pause", c2).exit());
      assertEquals(0, cli.docker("stop", "-t", "1", c2).exit(), "a paused container stops");
      r = cli.docker("exec", c2, "true");
      assertTrue(r.err().contains("is not running"), r.toString());
      r = cli.docker("pause", c2);
      assertTrue(r.err().contains("is not running"), r.toString());
      r = cli.docker("top", c2);
      assertTrue(r.err().contains("is not running"), r.toString());
      r = cli.docker("events", "--since", "60s", "--until", "0s", "--filter", "container=" + c2,
          "--format", "{{.Action}}");
      assertTrue(r.out().contains("pause\n") && r.out().contains("unpause\n"), r.toString());
    } finally {
      cli.docker("rm", "-f", c2);
    }
  }

  @Test
  void execEventsAreAnnounced() throws Exception {
    assertEquals(0, cli.docker("exec", c1, "true").exit());
    Thread.sleep(1100); // --until 0s is the CLI's current second: let it pass the events
    DockerCli.Result r = cli.docker("events", "--since", "60s", "--until", "0s", "--filter", "container=" + c1,
        "--format", "{{.Action}}");
    assertTrue(r.out().contains("exec_create: true") && r.out().contains("exec_start: true")
        && r.out().contains("exec_die"), r.toString());
  }

  @Test
  void topListsTheContainersProcesses() throws Exception {
    DockerCli.Result r = cli.docker("top", c1);
    assertTrue(r.out().startsWith("UID") && r.out().contains("sleep 1000"), r.toString());
    r = cli.docker("top", c1, "-o", "pid,comm");
    assertTrue(r.out().contains("COMMAND") && r.out().contains("sleep"), r.toString());
    r = cli.docker("top", c1, "--bogus-flag");
    assertTrue(r.exit() != 0 && r.err().contains("Error running ps"), r.toString());
  }

  @Test
  void statsNoStreamPrintsUsage() throws Exception {
    DockerCli.Result r = cli.docker("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}} {{.PIDs}}", c1);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith(c1 + " ") && r.out().strip().endsWith(" 1"), r.toString());
    r = curl("http://d/containers/" + c1 + "/stats?stream=0&one-shot=1");
    assertTrue(r.out().startsWith("200") && r.out().contains("\"cpu_stats\"") && r.out().contains("\"online_cpus\""),
        r.toString());
  }

  @Test
  void statsStreamsOneDocumentPerSecond() throws Exception {
    DockerCli.Result r = cli.run(null, List.of("curl", "-s", "--max-time", "2.5", "--unix-socket",
        run.resolve("d.sock").toString(), "http://d/containers/" + c1 + "/stats"));
    long docs = r.out().lines().filter(l -> l.startsWith("{\"read\"")).count();
    assertTrue(docs >= 2 && docs <= 4, r.toString());
    r = curl("http://d/containers/nosuch-" + tag + "/stats?stream=0");
    assertTrue(r.out().startsWith("404"), r.toString());
  }

  @Test
  void updateChangesLimitsAndRefusesBadOnes() throws Exception {
    DockerCli.Result r = cli.docker("update", "--memory", "64m", "--memory-swap", "128m", "--cpus", "0.5",
        "--pids-limit", "50", "--restart", "on-failure:3", c1);
    assertEquals(0, r.exit(), r.toString());
    r = cli.docker("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} "
        + "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}", c1);
    assertEquals("67108864 500000000 50 on-failure:3\n", r.out(), r.toString());
    String id = cli.docker("inspect", "-f", "{{.Id}}", c1).out().strip();
    Path limit = Path.of("/sys/fs/cgroup/memory/wharf", id, "memory.limit_in_bytes");
    if (Files.exists(limit)) {
      assertEquals("67108864", Files.readString(limit).strip());
    }
    for (List<String> bad : List.of(List.of("--memory", "1m"), List.of("--cpus", "64"),
        List.of("--restart", "always:3"), List.of("--restart", "bogus"))) {
      List<String> args = new java.util.ArrayList<>(List.of("update"));
      args.addAll(bad);
      args.add(c1);
      r = cli.docker(args.toArray(String[]::new));
      assertTrue(r.exit() != 0 && r.err().contains("Cannot update container " + id), bad + ": " + r);
    }
    assertEquals("67108864\n", cli.docker("inspect", "-f", "{{.HostConfig.Memory}}", c1).out(), "nothing changed");
  }

  @Test
  void dockerPyCreatesExecsStatsAndRemoves() throws Exception {
    Path script = dir.resolve("docker_py_ops.py");
    try (var in = getClass().getResourceAsStream("/docker_py_ops.py")) {
      Files.write(script, in.readAllBytes());
    }
    DockerCli.Result r = cli.run(null, List.of("python3", script.toString(), "py-" + tag));
    assertEquals(0, r.exit(), r.toString());
    assertEquals("OK\n", r.out(), r.toString());
  }

  private DockerCli.Result curl(String... args) throws Exception {
    // prints "<status> <body>"
    List<String> cmd = new java.util.ArrayList<>();
    cmd.addAll(List.of("sh", "-c", "code=$(curl -s -o /tmp/curl-body-$$ -w '%{http_code}' --unix-socket \"$0\" \"$@\"); "
        + "echo \"$code $(cat /tmp/curl-body-$$)\"; rm -f /tmp/curl-body-$$", run.resolve("d.sock").toString()));
    cmd.addAll(List.of(args));
    return cli.run(null, cmd);
  }
}
