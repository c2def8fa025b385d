package io.wharf.launcher;

import static io.wharf.launcher.Prerequisites.onPath;
import static io.wharf.launcher.Prerequisites.require;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.launcher.ShellRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real docker CLI against a real daemon: docker cp both ways, export, diff, commit, container
 * prune, system df, and their bad input. Needs root, the docker CLI and a static busybox (fails
 * under CI=true when one is missing, skips otherwise).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesCliIT {
  private Path dir;
  private Path run;
  private DaemonProcess daemon;
  private String socket;
  private final String tag = UUID.randomUUID().toString().substring(0, 6);
  private final List<String> containers = new ArrayList<>();
  private final List<String> images = new ArrayList<>();


  @BeforeAll
  void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    require(DaemonProcess.isRoot(), "needs root");
    require(onPath("docker"), "needs the docker CLI");
    dir = DaemonProcess.scratch("files");
    run = Files.createTempDirectory(Path.of("/tmp"), "wf");
    socket = run.resolve("d.sock").toString();
    daemon = DaemonProcess.start("files", dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", run.resolve("r").toString(), "--socket", socket, "--node-name", "files-" + tag,
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "files-" + tag));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path image = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        image.toString()).redirectErrorStream(true).start();
    require(p.waitFor() == 0, "needs a static busybox: " + new String(p.getInputStream().readAllBytes()));
    ok("load", "-i", image.toString());
  }

  @AfterAll
  void stopDaemon() throws Exception {
    if (daemon != null) {
      for (String c : containers) {
        docker("rm", "-f", c);
      }
      for (String i : images) {
        docker("rmi", "-f", i);
      }
      daemon.stop();
    }
    if (run != null) {
      new ProcessBuilder("rm", "-rf", run.toString()).start().waitFor();
    }
  }

  @Test
  void copyInAndOutOfARunningContainer() throws Exception {
    String c = running("cp");
    Path local = Files.writeString(dir.resolve("cpin.txt"), "hello\n");
    Files.createDirectories(dir.resolve("cpdir/sub"));
    Files.writeString(dir.resolve("cpdir/sub/a.txt"), "a\n");
    ok("cp", local.toString(), c + ":/tmp/cpin.txt");
    ok("cp", dir.resolve("cpdir").toString(), c + ":/tmp/");
    Path back = dir.resolve("back.txt");
    ok("cp", c + ":/tmp/cpin.txt", back.toString());
    assertEquals("hello\n", Files.readString(back));
    Path backDir = dir.resolve("backdir");
    ok("cp", c + ":/tmp/cpdir", backDir.toString());
    assertEquals("a\n", Files.readString(backDir.resolve("sub/a.txt")));
    Result tar = sh("DOCKER_HOST=unix://" + socket + " docker cp " + c + ":/etc - | tar t");
    assertTrue(tar.out().startsWith("etc/\n") && tar.out().contains("etc/passwd"), tar.out());
    String diff = ok("diff", c);
    assertTrue(diff.contains("C /tmp\n") && diff.contains("A /tmp/cpin.txt") && diff.contains("A /tmp/cpdir/sub/a.txt"),
        diff);
    assertFalse(diff.contains("/etc/hostname"), diff);
  }

  @Test
  void copyWorksOnAStoppedContainerAndExportListsTheRootfs() throws Exception {
    String c = "st-" + tag;
    containers.add(c);
    ok("create", "--name", c, "busybox", "true");
    ok("cp", Files.writeString(dir.resolve("x.txt"), "x").toString(), c + ":/x.txt");
    Result export = sh("DOCKER_HOST=unix://" + socket + " docker export " + c + " | tar t");
    assertEquals(0, export.code(), export.err());
    assertTrue(export.out().contains("bin/busybox") && export.out().contains("x.txt"), export.out());
  }

  @Test
  void badPathsAreRefusedAndNothingLeavesTheRootfs() throws Exception {
    String c = running("bad");
    Result missing = docker("cp", c + ":/no/such/file", dir.resolve("m").toString());
    assertNotEquals(0, missing.code());
    assertTrue(missing.err().contains("Could not find the file /no/such/file in container " + c), missing.err());
    Result climb = sh("curl -s --unix-socket " + socket + " 'http://x/containers/" + c
        + "/archive?path=/tmp/../../etc/shadow'");
    assertTrue(climb.out().contains("climbs out of the container's root"), climb.out());
    // a symlink pointing out of the rootfs resolves inside it: /tmp/out -> ../../../../etc
    Path linkTar = dir.resolve("link.tar");
    sh("cd " + dir + " && rm -rf l && mkdir l && ln -s ../../../../etc l/out && tar cf " + linkTar + " -C l out");
    ok("cp", "-", c + ":/tmp/", "<", linkTar.toString());
    Result through = sh("DOCKER_HOST=unix://" + socket + " docker cp " + c + ":/tmp/out/ - | tar t");
    assertTrue(through.out().contains("out/passwd") && !through.out().contains("out/shadow"), through.out());
  }

  @Test
  void commitMakesAnImageThatRuns() throws Exception {
    String c = running("cm");
    ok("cp", Files.writeString(dir.resolve("c.txt"), "committed\n").toString(), c + ":/c.txt");
    String image = "committed-" + tag + ":1";
    images.add(image);
    String id = ok("commit", "--change", "ENV X=1", "-m", "msg", "-a", "me", c, image).trim();
    assertTrue(id.startsWith("sha256:"), id);
    assertEquals("committed\nX=1\n", ok("run", "--rm", image, "sh", "-c", "cat /c.txt; echo X=$X"));
    assertEquals("me msg\n", ok("inspect", "-f", "{{.Author}} {{.Comment}}", image));
    ok("rm", "-f", c);
    Result gone = docker("commit", c, "x-" + tag);
    assertNotEquals(0, gone.code());
    assertTrue(gone.err().contains("No such container: " + c), gone.err());
  }

  @Test
  void pruneRemovesStoppedContainersAndSystemDfPrints() throws Exception {
    String keep = running("keep");
    String stopped = "pr-" + tag;
    containers.add(stopped);
    ok("create", "--name", stopped, "--label", "prune=" + tag, "busybox", "true");
    String out = ok("container", "prune", "-f", "--filter", "label=prune=" + tag);
    assertTrue(out.contains("Deleted Containers:"), out);
    assertNotEquals(0, docker("inspect", stopped).code());
    assertEquals(0, docker("inspect", keep).code());
    String df = ok("system", "df");
    assertTrue(df.contains("Images") && df.contains("Containers"), df);
    String dfv = ok("system", "df", "-v");
    assertTrue(dfv.contains("Containers space usage:"), dfv);
  }

  private String running(String prefix) throws Exception {
    String name = prefix + "-" + tag;
    containers.add(name);
    ok("run", "-d", "--name", name, "busybox", "sleep", "300");
    return name;
  }

  private String ok(String... args) throws Exception {
    Result r = args.length > 2 && args[args.length - 2].equals("<")
        ? sh("DOCKER_HOST=unix://" + socket + " docker " + String.join(" ", args))
        : docker(args);
    if (r.code() != 0) {
      fail("docker " + String.join(" ", args) + " failed (" + r.code() + "): " + r.err() + "\n" + daemon.log());
    }
    return r.out();
  }

  private Result docker(String... args) throws Exception {
    return ShellRunner.docker(socket, args);
  }

  private Result sh(String script) throws Exception {
    return ShellRunner.sh(script);
  }
}
