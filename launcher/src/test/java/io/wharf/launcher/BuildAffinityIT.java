package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static io.wharf.launcher.Prerequisites.onPath;
import static io.wharf.launcher.Prerequisites.require;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.launcher.ShellRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two daemons in one cluster (n1 every role, n2 a node agent only): the build cache is per node,
 * so rebuilding the same tag must go back to the node that built it and hit the cache every time,
 * where the scheduler alone spreads successive builds over both nodes. Needs root and the docker
 * CLI (fails under CI=true when missing, skips otherwise).
 */
class BuildAffinityIT {
  private final String tag = UUID.randomUUID().toString().substring(0, 6);
  private final List<DaemonProcess> daemons = new ArrayList<>();
  private Path dir;
  private Path run;

  @AfterEach
  void stop() throws Exception {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).stop();
    }
    if (run != null) {
      new ProcessBuilder("rm", "-rf", run.toString()).start().waitFor();
    }
    if (dir != null) {
      ScratchDirs.deleteUnlessMounted(dir);
    }
  }

  @Test
  void aRebuildOfTheSameTagIsFullyCachedOnATwoNodeCluster() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    require(DaemonProcess.isRoot(), "needs root");
    require(onPath("docker"), "needs the docker CLI");
    dir = DaemonProcess.scratch("build-affinity");
    run = Files.createTempDirectory(Path.of("/tmp"), "wba");
    String socket = run.resolve("n1.sock").toString();
    int clusterPort = DaemonProcess.freePort();
    daemons.add(start("n1", List.of("--socket", socket, "--cluster-port", String.valueOf(clusterPort))));
    daemons.add(start("n2", List.of("--roles", "node", "--socket", run.resolve("n2.sock").toString(),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--join", "127.0.0.1:" + clusterPort)));
    Path image = dir.resolve("busybox.tar");
    Result made = ShellRunner.sh(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh") + " " + image);
    require(made.code() == 0, "needs a static busybox: " + made.out() + made.err());
    assertEquals(0, ShellRunner.docker(socket, "load", "-i", image.toString()).code());

    Path ctx = Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo one > /1\nRUN echo two > /2\n");
    String name = "affinity-" + tag + ":1";
    for (int i = 0; i < 4; i++) {
      Result r = ShellRunner.sh("DOCKER_BUILDKIT=0 DOCKER_HOST=unix://" + socket + " docker build -t " + name + " " + ctx);
      assertEquals(0, r.code(), r.out() + r.err());
      assertEquals(i == 0 ? 0 : 2, r.out().split(" ---> Using cache", -1).length - 1, "build " + i + ":\n" + r.out());
    }
    ShellRunner.docker(socket, "rmi", name);
  }

  private DaemonProcess start(String node, List<String> extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("daemon", "--data-root", dir.resolve(node).toString(),
        "--run-dir", run.resolve("r" + node).toString(), "--node-name", node + "-" + tag,
        "--registry-port", String.valueOf(DaemonProcess.freePort()), "--bind", "127.0.0.1",
        "--cluster-name", "build-affinity-" + tag));
    args.addAll(extra);
    DaemonProcess p = DaemonProcess.start(node, dir, args);
    p.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    return p;
  }
}
