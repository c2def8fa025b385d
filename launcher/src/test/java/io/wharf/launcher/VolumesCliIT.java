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
 * The real docker CLI against a real daemon: docker volume create/ls/inspect/rm/prune, -v with named,
 * anonymous and bind volumes, --mount, copy-up, tmpfs volumes, and their bad input. Needs root, the
 * docker CLI and a static busybox (fails under CI=true when one is missing, skips otherwise).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumesCliIT {
  private Path dir;
  private Path run;
  private DaemonProcess daemon;
  private String socket;
  private List<String> daemonArgs;
  private final String tag = UUID.randomUUID().toString().substring(0, 6);
  private final List<String> containers = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private final List<String> images = new ArrayList<>();


  @BeforeAll
  void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    require(DaemonProcess.isRoot(), "needs root");
    require(onPath("docker"), "needs the docker CLI");
    dir = DaemonProcess.scratch("volumes");
    run = Files.createTempDirectory(Path.of("/tmp"), "wv");
    socket = run.resolve("d.sock").toString();
    daemonArgs = List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", run.resolve("r").toString(), "--socket", socket, "--node-name", "volumes-" + tag,
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "volumes-" + tag);
    daemon = DaemonProcess.start("volumes", dir, daemonArgs);
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
        docker("rm", "-f", "-v", c);
      }
      for (String v : volumes) {
        docker("volume", "rm", "-f", v);
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
  void createListInspectRemoveWithLabelsAndFilters() throws Exception {
    String v1 = volume("lab1");
    String v2 = volume("lab2");
    ok("volume", "create", "--label", "team=" + tag, v1);
    ok("volume", "create", v2);
    assertEquals(v1, ok("volume", "create", "--label", "team=" + tag, v1).trim(), "create is idempotent");
    assertEquals(v1 + "\n", ok("volume", "ls", "-q", "--filter", "label=team=" + tag));
    String byName = ok("volume", "ls", "-q", "--filter", "name=" + tag);
    assertTrue(byName.contains(v1) && byName.contains(v2), byName);
    assertTrue(ok("volume", "ls", "-q", "--filter", "dangling=true").contains(v2));
    assertTrue(ok("volume", "ls", "-q", "--filter", "driver=local").contains(v2));
    assertEquals(tag + "|local|" + dir.resolve("data/volumes/" + v1 + "/_data"),
        ok("volume", "inspect", "-f", "{{.Labels.team}}|{{.Driver}}|{{.Mountpoint}}", v1).trim());
    ok("volume", "rm", v1, v2);
    Result gone = docker("volume", "inspect", v1);
    assertNotEquals(0, gone.code());
    assertTrue(gone.err().contains("get " + v1 + ": no such volume"), gone.err());
    assertEquals(0, docker("volume", "rm", "-f", v1).code(), "rm -f ignores a missing volume");
  }

  @Test
  void pruneRemovesUnusedVolumes() throws Exception {
    String unused = volume("pr1");
    String used = volume("pr2");
    ok("volume", "create", unused);
    String c = name("prc");
    ok("create", "--name", c, "-v", used + ":/d", "busybox", "true");
    String out = ok("volume", "prune", "-f", "--all");
    assertTrue(out.contains(unused), out);
    assertFalse(out.contains(used), out);
    assertTrue(ok("volume", "ls", "-q").contains(used));
  }

  @Test
  void dataWrittenByOneContainerIsReadByTheNextAndSurvivesRemoval() throws Exception {
    String v = volume("data");
    ok("run", "--rm", "-v", v + ":/data", "busybox", "sh", "-c", "echo kept > /data/f");
    assertEquals("kept\n", ok("run", "--rm", "-v", v + ":/data", "busybox", "cat", "/data/f"));
  }

  @Test
  void volumeInUseIsNotRemovable() throws Exception {
    String v = volume("busy");
    String c = name("busyc");
    String id = ok("run", "-d", "--name", c, "-v", v + ":/data", "busybox", "sleep", "300").trim();
    Result r = docker("volume", "rm", v);
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("remove " + v + ": volume is in use - [" + id + "]"), r.err());
    assertEquals(c + " " + v + "\n", ok("ps", "--format", "{{.Names}} {{.Mounts}}", "--filter", "name=" + c));
    assertTrue(ok("inspect", "-f", "{{range .Mounts}}{{.Name}}:{{.Destination}}{{end}}", c).contains(v + ":/data"));
    ok("rm", "-f", c);
    ok("volume", "rm", v);
  }

  @Test
  void readOnlyBindAndMissingSources() throws Exception {
    Path host = Files.createDirectories(dir.resolve("bind-" + tag));
    Files.writeString(host.resolve("x"), "host\n");
    Result ro = docker("run", "--rm", "-v", host + ":/h:ro", "busybox", "sh", "-c", "cat /h/x; echo y > /h/y");
    assertNotEquals(0, ro.code());
    assertEquals("host\n", ro.out());
    assertTrue(ro.err().contains("Read-only file system"), ro.err());
    Path missing = dir.resolve("missing-" + tag);
    Result refused = docker("run", "--rm", "--mount", "type=bind,source=" + missing + ",target=/x", "busybox", "true");
    assertNotEquals(0, refused.code());
    assertTrue(refused.err().contains("invalid mount config for type \"bind\": bind source path does not exist: "
        + missing), refused.err());
    ok("run", "--rm", "-v", missing + ":/x", "busybox", "true");
    assertTrue(Files.isDirectory(missing), "-v creates a missing host path");
  }

  @Test
  void anonymousVolumesGoWithRmAndRmV() throws Exception {
    String before = ok("volume", "ls", "-q");
    ok("run", "--rm", "-v", "/anon", "busybox", "sh", "-c", "echo a > /anon/a");
    String c = name("anonc");
    ok("create", "--name", c, "-v", "/anon2", "busybox", "true");
    String anon = ok("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", c).trim();
    assertEquals(64, anon.length(), anon);
    assertTrue(ok("volume", "ls", "-q").contains(anon));
    ok("rm", "-v", c);
    assertEquals(before, ok("volume", "ls", "-q"));
  }

  @Test
  void imageVolumeIsCopiedUpIntoANewNamedVolume() throws Exception {
    String src = name("seed");
    ok("run", "--name", src, "busybox", "sh", "-c", "mkdir /data && echo seeded > /data/s");
    String image = "volimg" + tag + ":1";
    images.add(image);
    ok("commit", "--change", "VOLUME /data", src, image);
    String v = volume("cu");
    assertEquals("seeded\n", ok("run", "--rm", "-v", v + ":/data", image, "cat", "/data/s"));
    assertEquals("seeded\n", ok("run", "--rm", image, "cat", "/data/s"));
    assertEquals("seeded\n", ok("run", "--rm", "-v", v + ":/v", "busybox", "cat", "/v/s"));
  }

  @Test
  void tmpfsVolumeIsEmptyAfterRestart() throws Exception {
    String v = volume("tmp");
    ok("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=2m", v);
    String c = name("tmpc");
    ok("run", "--name", c, "-v", v + ":/t", "busybox", "sh", "-c", "df -k /t | tail -1; ls /t; touch /t/x");
    String second = ok("start", "-a", c);
    assertTrue(second.contains("2048"), second);
    assertFalse(second.contains("\nx\n"), second);
    assertTrue(ok("run", "--rm", "--mount", "type=tmpfs,target=/m,tmpfs-size=1m", "busybox", "df", "-k", "/m")
        .contains("1024"));
  }

  @Test
  void volumesAndTheirUsersSurviveADaemonRestart() throws Exception {
    String v = volume("keep");
    ok("run", "--rm", "-v", v + ":/d", "busybox", "sh", "-c", "dd if=/dev/zero of=/d/z bs=1024 count=100 2>/dev/null");
    String c = name("keepc");
    String id = ok("run", "-d", "--name", c, "-v", v + ":/d", "busybox", "sleep", "300").trim();
    daemon.stop();
    daemon = DaemonProcess.start("volumes2", dir, daemonArgs);
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Result busy = docker("volume", "rm", v);
    assertTrue(busy.err().contains("volume is in use - [" + id + "]"), busy.err());
    assertEquals("102400\n", ok("run", "--rm", "-v", v + ":/d", "busybox", "stat", "-c", "%s", "/d/z"));
    String df = ok("system", "df", "-v");
    assertTrue(df.lines().anyMatch(l -> l.startsWith(v + " ") && l.contains("102.4kB")), df);
  }

  @Test
  void badInputIsRefused() throws Exception {
    Result name = docker("volume", "create", "a/b");
    assertNotEquals(0, name.code());
    assertTrue(name.err().contains("includes invalid characters for a local volume name"), name.err());
    Result driver = docker("volume", "create", "-d", "nosuchdriver", volume("drv"));
    assertTrue(driver.err().contains("plugin \"nosuchdriver\" not found"), driver.err());
    Result opt = docker("volume", "create", "-o", "bogus=1", volume("opt"));
    assertTrue(opt.err().contains("invalid option key: \"bogus\""), opt.err());
    Result spec = docker("run", "--rm", "-v", "vv:rel", "busybox", "true");
    assertNotEquals(0, spec.code());
    Result missing = docker("volume", "inspect", "nosuch" + tag);
    assertTrue(missing.err().contains("no such volume"), missing.err());
  }

  private String volume(String prefix) {
    String v = prefix + "-" + tag;
    volumes.add(v);
    return v;
  }

  private String name(String prefix) {
    String c = prefix + "-" + tag;
    containers.add(c);
    return c;
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
